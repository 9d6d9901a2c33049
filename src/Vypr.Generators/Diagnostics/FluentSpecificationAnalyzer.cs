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

            // A member without any attribute cannot be a specification: it is passed over before any symbol is bound.
            start.RegisterSyntaxNodeAction(
                c =>
                {
                    if (((BasePropertyDeclarationSyntax)c.Node).AttributeLists.Count > 0)
                    {
                        AnalyzeMember(c, c.Node, attribute, calls, weaving);
                    }
                },
                SyntaxKind.PropertyDeclaration,
                SyntaxKind.IndexerDeclaration);
            start.RegisterSyntaxNodeAction(
                c =>
                {
                    var field = (FieldDeclarationSyntax)c.Node;
                    if (field.AttributeLists.Count == 0)
                    {
                        return;
                    }

                    foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
                    {
                        AnalyzeMember(c, variable, attribute, calls, weaving);
                    }
                },
                SyntaxKind.FieldDeclaration);
            start.RegisterOperationAction(c => calls.Called((IInvocationOperation)c.Operation), OperationKind.Invocation);
            start.RegisterOperationAction(c => calls.CalledLate((IDynamicInvocationOperation)c.Operation, c.CancellationToken), OperationKind.DynamicInvocation);
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
        // Every ordinary method called, and every explicit call: the scope's calls among them are checked at the end
        // with the models the compiler bound them with, not by walking every tree and binding the calls again.
        private readonly ConcurrentDictionary<IMethodSymbol, byte> _called = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentBag<(IMethodSymbol Definition, InvocationExpressionSyntax Syntax, IMethodSymbol Target, SemanticModel Model)> _sites = [];
        private readonly ConcurrentBag<(IMethodSymbol Scope, Location Location, string Specification)> _expected = [];

        public void Called(IInvocationOperation invocation)
        {
            // Scopes are ordinary methods; record every ordinary method called, the scope's own calls among them.
            IMethodSymbol target = invocation.TargetMethod;
            IMethodSymbol definition = (target.ReducedFrom ?? target).OriginalDefinition;
            if (definition.MethodKind != MethodKind.Ordinary)
            {
                return;
            }

            _called.TryAdd(definition, 0);
            if (invocation.Syntax is InvocationExpressionSyntax syntax && invocation.SemanticModel is { } model)
            {
                _sites.Add((definition, syntax, target, model));
            }
        }

        // A dynamic argument leaves the call late-bound even when the compiler knows its one candidate: such a call of
        // a scope cannot be intercepted, and is reported with the others (it does not count as a call of the scope).
        public void CalledLate(IDynamicInvocationOperation invocation, System.Threading.CancellationToken cancellationToken)
        {
            if (invocation.Syntax is InvocationExpressionSyntax syntax && invocation.SemanticModel is { } model
                && model.GetSymbolInfo(syntax, cancellationToken) is { Symbol: IMethodSymbol target, CandidateReason: CandidateReason.None })
            {
                _sites.Add(((target.ReducedFrom ?? target).OriginalDefinition, syntax, target, model));
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
        private void ReportUninterceptable(CompilationAnalysisContext context, List<(IMethodSymbol Scope, string Specification)> scopes)
        {
            foreach ((IMethodSymbol scope, string specification) in scopes)
            {
                var sites = _sites
                    .Where(site => DispatchTargets(scope).Any(m => SymbolEqualityComparer.Default.Equals(m, site.Definition))
                        && CallSitePlanner.InvokedName(site.Syntax) is not null)
                    .OrderBy(site => site.Syntax.SyntaxTree.FilePath, System.StringComparer.Ordinal)
                    .ThenBy(site => site.Syntax.SpanStart);
                foreach ((_, InvocationExpressionSyntax invocation, IMethodSymbol target, SemanticModel model) in sites)
                {
                    if (CallSitePlanner.WhyNotInterceptable(invocation, target, model, context.Compilation, context.CancellationToken) is { } reason)
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
