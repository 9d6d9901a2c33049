using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Vypr.Generators.Model;

namespace Vypr.Generators.Analyzers;

/// <summary>
/// Counts the calls that reach a monitored method but that interceptors cannot time, and says so once per method
/// (VYPR0018, information: a build with warnings as errors stays green), with the groups they fall in and the fix.
/// Each such call is also reported where it is (VYPR0003, VYPR0004), off unless a project turns them on. The
/// decisions are the generator's own (<see cref="MonitoredIndex"/>, <see cref="CallSitePlanner.RefusalOf"/>), so
/// what the generator skips is counted here, and listed by the weaving report.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WeavingCoverageAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.CallNotMonitored,
        DiagnosticDescriptors.DelegateNotMonitored,
        DiagnosticDescriptors.CallsNotWoven);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(KnownNames.MaxDurationAttribute) is null || WeavesIL(start.Options))
            {
                return;
            }

            var collector = new Collector();
            start.RegisterSymbolAction(c => collector.AddDeclaration((IMethodSymbol)c.Symbol), SymbolKind.Method);
            start.RegisterOperationAction(c => collector.AddInvocation((IInvocationOperation)c.Operation), OperationKind.Invocation);
            start.RegisterOperationAction(c => collector.AddDynamic((IDynamicInvocationOperation)c.Operation), OperationKind.DynamicInvocation);
            start.RegisterOperationAction(c => collector.AddReference((IMethodReferenceOperation)c.Operation), OperationKind.MethodReference);
            start.RegisterCompilationEndAction(collector.Report);
        });
    }

    // The IL backend times the monitored method's own body, whatever reaches it: nothing is left unwoven to report.
    // (Methods of referenced assemblies woven by IL never enter the index: MonitoredMethodReader leaves them out.)
    private static bool WeavesIL(AnalyzerOptions options) =>
        Weaving.ModeOf(options.AnalyzerConfigOptionsProvider.GlobalOptions) != Weaving.Interceptors;

    private static IEnumerable<string> TypeAndBases(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            yield return current.OriginalDefinition.ToDisplayString(SymbolFormats.Code);
        }
    }

    /// <summary>What the compilation's actions saw, joined with the monitored methods once all of them are known.</summary>
    private sealed class Collector
    {
        // Whether a method is monitored depends on its definition only; thousands of calls reach a few dozen methods,
        // so its attributes are read once per definition, not once per call.
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _monitored = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentBag<IMethodSymbol> _declared = [];
        private readonly ConcurrentBag<(IMethodSymbol Target, InvocationExpressionSyntax Syntax, SemanticModel Model)> _calls = [];
        private readonly ConcurrentBag<(string Name, ITypeSymbol? Receiver, InvocationExpressionSyntax Syntax)> _dynamicCalls = [];
        private readonly ConcurrentBag<(IMethodSymbol Method, SyntaxNode Syntax)> _references = [];

        public void AddDeclaration(IMethodSymbol method)
        {
            if (MonitoredMethodReader.FindSpecification(method) is not null)
            {
                _declared.Add(method);
            }
        }

        // Only a call of a monitored method, or a virtual one that may dispatch to one, can reach a monitored method.
        public void AddInvocation(IInvocationOperation invocation)
        {
            IMethodSymbol target = invocation.TargetMethod;
            if (invocation.Syntax is InvocationExpressionSyntax syntax && invocation.SemanticModel is { } model
                && (target.IsVirtual || target.IsAbstract || target.IsOverride || IsMonitored(target)))
            {
                _calls.Add((target, syntax, model));
            }
        }

        public void AddDynamic(IDynamicInvocationOperation invocation)
        {
            if (invocation.Syntax is InvocationExpressionSyntax syntax && CallSitePlanner.InvokedName(syntax) is { } name)
            {
                // A receiver (or a type, for a static call) known at compile time narrows the candidates to its methods.
                ITypeSymbol? receiver = invocation.Operation is IDynamicMemberReferenceOperation member
                    ? member.Instance is { Type: { TypeKind: not TypeKind.Dynamic } instanceType } ? instanceType
                    : member.Instance is null ? member.ContainingType
                    : null
                    : null;
                _dynamicCalls.Add((name, receiver, syntax));
            }
        }

        private bool IsMonitored(IMethodSymbol method)
        {
            IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
            if (!_monitored.TryGetValue(definition, out bool monitored))
            {
                monitored = MonitoredMethodReader.FindSpecification(definition) is { } attribute
                    && MonitoredMethodReader.Read(definition, attribute, declaredInSource: false) is not null;
                _monitored.TryAdd(definition, monitored);
            }

            return monitored;
        }

        public void AddReference(IMethodReferenceOperation reference)
        {
            if (IsMonitored(reference.Method))
            {
                _references.Add((reference.Method, reference.Syntax));
            }
        }

        public void Report(CompilationAnalysisContext context)
        {
            Compilation compilation = context.Compilation;
            CancellationToken cancellationToken = context.CancellationToken;
            var declarations = new Dictionary<string, IMethodSymbol>();
            var monitored = new List<MonitoredMethod>();
            foreach (IMethodSymbol method in _declared)
            {
                if (MonitoredMethodReader.FindSpecification(method) is { } attribute
                    && MonitoredMethodReader.Read(method, attribute, declaredInSource: true) is { } model
                    && !declarations.ContainsKey(model.Key))
                {
                    declarations.Add(model.Key, method);
                    monitored.Add(model);
                }
            }

            monitored.AddRange(MonitoredMethodReader.FromReferences(compilation, cancellationToken).AsImmutableArray()
                .Where(m => !declarations.ContainsKey(m.Key)));
            if (monitored.Count == 0)
            {
                return;
            }

            var index = new MonitoredIndex([.. monitored]);
            var gaps = new Dictionary<string, (MonitoredMethod Method, List<WeavingGap> Gaps)>();
            void Count(MonitoredMethod method, WeavingGap gap)
            {
                if (!gaps.TryGetValue(method.Key, out var entry))
                {
                    gaps.Add(method.Key, entry = (method, []));
                }

                entry.Gaps.Add(gap);
            }

            // What a target reaches depends on the target only: looked up once per target, as the generator does.
            var reach = new Dictionary<IMethodSymbol, (List<(MonitoredMethod Method, string? RuntimeType)> Reached, List<(MonitoredMethod Method, WeavingRefusal Refusal)> Unreached)>(SymbolEqualityComparer.Default);
            foreach ((IMethodSymbol target, InvocationExpressionSyntax syntax, SemanticModel model) in _calls)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!reach.TryGetValue(target, out var known))
                {
                    reach.Add(target, known = (index.Reached(target, compilation), index.Unreached(target, compilation)));
                }

                var unreached = new List<(MonitoredMethod Method, WeavingRefusal Refusal)>(known.Unreached);
                if (known.Reached.Count > 0
                    && CallSitePlanner.RefusalOf(syntax, target, model, compilation, cancellationToken) is { } refusal)
                {
                    unreached.AddRange(known.Reached.Select(r => (r.Method, refusal)));
                }

                foreach ((MonitoredMethod method, WeavingRefusal why) in unreached)
                {
                    Count(method, why.Gap);
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CallNotMonitored, CallSitePlanner.InvokedNameLocation(syntax), method.Display, why.Reason));
                }
            }

            // A late-bound call picks its method at run time: any monitored method of that name may be the one it reaches.
            foreach ((string name, ITypeSymbol? receiver, InvocationExpressionSyntax syntax) in _dynamicCalls)
            {
                HashSet<string>? types = receiver is null ? null : [.. TypeAndBases(receiver)];
                foreach (MonitoredMethod method in monitored.Where(m => m.Name == name && (types is null || types.Contains(m.ContainingType))))
                {
                    Count(method, WeavingGap.Other);
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.CallNotMonitored,
                        CallSitePlanner.InvokedNameLocation(syntax),
                        method.Display,
                        "a dynamic call is bound at run time, and only calls bound at compile time can be intercepted"));
                }
            }

            foreach ((IMethodSymbol method, SyntaxNode syntax) in _references)
            {
                string key = MonitoredMethodReader.KeyOf(method.ReducedFrom ?? method);
                if (monitored.FirstOrDefault(m => m.Key == key) is { } target)
                {
                    Count(target, WeavingGap.Delegate);
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DelegateNotMonitored, syntax.GetLocation(), target.Display, method.Name));
                }
            }

            foreach ((MonitoredMethod method, List<WeavingGap> methodGaps) in gaps.Values.OrderBy(g => g.Method.Key, System.StringComparer.Ordinal))
            {
                Location location = declarations.TryGetValue(method.Key, out IMethodSymbol? declaration) ? declaration.Locations[0] : Location.None;
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.CallsNotWoven,
                    location,
                    methodGaps.Count,
                    methodGaps.Count == 1 ? "call" : "calls",
                    method.Display,
                    WeavingGaps.Summarize(methodGaps),
                    WeavingGaps.Fix));
            }
        }
    }
}
