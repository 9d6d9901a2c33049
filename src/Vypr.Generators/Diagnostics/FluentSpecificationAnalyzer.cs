using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Vypr.Generators.Analyzers;

/// <summary>
/// Reports wrong fluent specifications (static members marked <c>[PerformanceSpecification]</c>): members the
/// generator cannot read, scopes that do not resolve, bindings in the wrong order, terms of incompatible kinds,
/// conditions that can never hold, and quantified calls and changes the probes cannot observe. It reads each
/// specification with <see cref="ChainReader"/>, as the generator does, so every error reported here
/// is exactly one that makes the generator skip the specification.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FluentSpecificationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnreadableSpecification,
        DiagnosticDescriptors.UnresolvedScope,
        DiagnosticDescriptors.EventNeverHappens,
        DiagnosticDescriptors.WrongAfterBinding,
        DiagnosticDescriptors.DuplicateBindingName,
        DiagnosticDescriptors.IncompatibleTerms,
        DiagnosticDescriptors.MissingMeasurement,
        DiagnosticDescriptors.NeverHolds,
        DiagnosticDescriptors.UnknownVariable,
        DiagnosticDescriptors.UnobservedChange,
        DiagnosticDescriptors.ScopeNeverCalled,
        DiagnosticDescriptors.CallNotObservable,
        DiagnosticDescriptors.ScopeCallNotWoven);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(KnownNames.PerformanceSpecificationAttribute) is not { } attribute)
            {
                return;
            }

            string weaving = Weaving.ModeOf(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
            var calls = new CallSites(weaving);
            start.RegisterSyntaxNodeAction(
                c => AnalyzeMember(c, c.Node, attribute, calls, weaving),
                SyntaxKind.PropertyDeclaration,
                SyntaxKind.IndexerDeclaration);
            start.RegisterSyntaxNodeAction(
                c =>
                {
                    foreach (VariableDeclaratorSyntax variable in ((FieldDeclarationSyntax)c.Node).Declaration.Variables)
                    {
                        AnalyzeMember(c, variable, attribute, calls, weaving);
                    }
                },
                SyntaxKind.FieldDeclaration);
            start.RegisterOperationAction(c => calls.Called(((IInvocationOperation)c.Operation).TargetMethod), OperationKind.Invocation);
            start.RegisterCompilationEndAction(calls.ReportUncalled);
        });
    }

    private static void AnalyzeMember(SyntaxNodeAnalysisContext context, SyntaxNode declaration, INamedTypeSymbol attribute, CallSites calls, string weaving)
    {
        if (context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } member
            || !member.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)))
        {
            return;
        }

        var diagnostics = new List<Diagnostic>();
        ChainReading reading = ChainReader.ReadForAnalysis(member, declaration, context.SemanticModel, context.CancellationToken, diagnostics, weaving);
        foreach (Diagnostic diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic);
        }

        if (reading is { Specification: not null, Scope: { } scope, ScopeLocation: { } location })
        {
            calls.Expect(scope, location, reading.Specification.Display);
        }
    }

    /// <summary>
    /// The methods this compilation calls, and the scopes that specifications expect to be called. Only once every
    /// invocation has been seen can a scope be known to have no call site here.
    /// </summary>
    private sealed class CallSites(string weaving)
    {
        private readonly ConcurrentDictionary<IMethodSymbol, byte> _called = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentBag<(IMethodSymbol Scope, Location Location, string Specification)> _expected = [];

        public void Called(IMethodSymbol target)
        {
            // Scopes are ordinary methods; record every ordinary method called, the scope's own calls among them.
            IMethodSymbol definition = (target.ReducedFrom ?? target).OriginalDefinition;
            if (definition.MethodKind == MethodKind.Ordinary)
            {
                _called.TryAdd(definition, 0);
            }
        }

        public void Expect(IMethodSymbol scope, Location location, string specification) => _expected.Add((scope, location, specification));

        public void ReportUncalled(CompilationAnalysisContext context)
        {
            var calledScopes = new List<(IMethodSymbol Scope, string Specification)>();
            foreach ((IMethodSymbol scope, Location location, string specification) in _expected)
            {
                // Woven in IL, the scoped method begins its invocations itself, however it is called (through a base
                // method, an interface, a delegate, from another assembly): no call site is needed here.
                if (Weaving.WeavesScope(scope, context.Compilation, weaving))
                {
                    continue;
                }

                if (DispatchTargets(scope).Any(m => _called.ContainsKey(m)))
                {
                    calledScopes.Add((scope, specification));
                }
                else
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.ScopeNeverCalled,
                        location,
                        scope.ToDisplayString(SymbolFormats.Display),
                        specification));
                }
            }

            ReportUninterceptable(context, calledScopes);
        }

        // A call of a scoped method that an interceptor cannot replace (pointer types, a private nested type, a
        // dynamic argument...) begins no invocation, so its specification is not checked there: say so at the call.
        private static void ReportUninterceptable(CompilationAnalysisContext context, List<(IMethodSymbol Scope, string Specification)> scopes)
        {
            if (scopes.Count == 0)
            {
                return;
            }

            var names = new HashSet<string>(scopes.Select(s => s.Scope.Name), System.StringComparer.Ordinal);
            foreach (SyntaxTree tree in context.Compilation.SyntaxTrees)
            {
                SemanticModel? model = null;
                foreach (InvocationExpressionSyntax invocation in tree.GetRoot(context.CancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (CallSitePlanner.InvokedName(invocation) is not { } name || !names.Contains(name))
                    {
                        continue;
                    }

                    model ??= context.Compilation.GetSemanticModel(tree);
                    if (model.GetSymbolInfo(invocation, context.CancellationToken) is not { Symbol: IMethodSymbol target, CandidateReason: CandidateReason.None })
                    {
                        continue;
                    }

                    IMethodSymbol definition = (target.ReducedFrom ?? target).OriginalDefinition;
                    foreach ((IMethodSymbol scope, string specification) in scopes)
                    {
                        if (DispatchTargets(scope).Any(m => SymbolEqualityComparer.Default.Equals(m, definition))
                            && CallSitePlanner.WhyNotInterceptable(invocation, target, model, context.Compilation, context.CancellationToken) is { } reason)
                        {
                            context.ReportDiagnostic(Diagnostic.Create(
                                DiagnosticDescriptors.ScopeCallNotWoven,
                                CallSitePlanner.InvokedNameLocation(invocation),
                                scope.ToDisplayString(SymbolFormats.Display),
                                specification,
                                reason));
                        }
                    }
                }
            }
        }

        // Only a call of the scoped method itself begins an invocation: the generator does not weave calls through a
        // base method or an interface the scope implements (their target is known only at run time).
        private static IEnumerable<IMethodSymbol> DispatchTargets(IMethodSymbol scope)
        {
            IMethodSymbol method = scope.PartialDefinitionPart ?? scope;
            yield return method.OriginalDefinition;
            if (scope.PartialDefinitionPart is not null)
            {
                yield return scope.OriginalDefinition;
            }
        }
    }
}
