using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Vypr.Generators.Analyzers;

/// <summary>
/// Reports wrong specifications in the IDE and the build: malformed bounds, specifications that can never be
/// checked, and calls of monitored methods that the generator cannot weave a probe into.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SpecificationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MalformedDuration,
        DiagnosticDescriptors.NoBodyToTime,
        DiagnosticDescriptors.NotInterceptableMember,
        DiagnosticDescriptors.CallNotMonitored,
        DiagnosticDescriptors.DelegateNotMonitored);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(KnownNames.MaxDurationAttribute) is null)
            {
                return;
            }

            // Under the IL backend a monitored method times itself: every call counts, whatever its shape.
            string mode = Weaving.ModeOf(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
            bool weaving = mode != Weaving.Interceptors;
            System.Func<IMethodSymbol, bool> timedByWeaver = method => Weaving.TimesCallsOf((method.ReducedFrom ?? method).OriginalDefinition, start.Compilation, mode);

            start.RegisterSymbolAction(c => AnalyzeSpecification((IMethodSymbol)c.Symbol, weaving, c.ReportDiagnostic, c.CancellationToken), SymbolKind.Method);

            // Symbol actions never see local functions; their declarations are operations.
            start.RegisterOperationAction(
                c => AnalyzeSpecification(((ILocalFunctionOperation)c.Operation).Symbol, weaving, c.ReportDiagnostic, c.CancellationToken),
                OperationKind.LocalFunction);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, timedByWeaver), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzeDynamicInvocation(c, timedByWeaver), OperationKind.DynamicInvocation);
            start.RegisterOperationAction(c => AnalyzeMethodReference(c, timedByWeaver), OperationKind.MethodReference);
        });
    }

    private static void AnalyzeSpecification(IMethodSymbol method, bool weaving, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        if (MonitoredMethodReader.FindSpecification(method) is not { } attribute)
        {
            return;
        }

        if (!SpecificationReader.TryReadMaxDuration(attribute, out _, out _, out string? error))
        {
            report(Diagnostic.Create(
                DiagnosticDescriptors.MalformedDuration,
                SpecificationReader.BoundLocation(attribute),
                "[MaxDuration]",
                method.ToDisplayString(SymbolFormats.Display),
                error));
        }

        string? noBody = method switch
        {
            { IsAbstract: true, ContainingType.TypeKind: TypeKind.Interface } => "an interface member",
            { IsAbstract: true } => "abstract",
            { IsExtern: true } => "extern",
            { IsPartialDefinition: true, PartialImplementationPart: null } => "a partial method without an implementation",
            _ => null,
        };
        Location attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? method.Locations[0];
        if (noBody is not null)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.NoBodyToTime, attributeLocation, method.ToDisplayString(SymbolFormats.Display), noBody));
        }

        string? notInterceptable = method.MethodKind switch
        {
            MethodKind.PropertyGet or MethodKind.PropertySet => "a property accessor",
            MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise => "an event accessor",
            MethodKind.UserDefinedOperator or MethodKind.Conversion => "an operator",
            MethodKind.LocalFunction => "a local function",
            MethodKind.Destructor => "a finalizer",
            _ => null,
        };
        if (notInterceptable is not null && !weaving)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.NotInterceptableMember, attributeLocation, method.ToDisplayString(SymbolFormats.Display), notInterceptable));
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, System.Func<IMethodSymbol, bool> timedByWeaver)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.Syntax is not InvocationExpressionSyntax syntax || !IsMonitored(invocation.TargetMethod) || timedByWeaver(invocation.TargetMethod)
            || invocation.SemanticModel is not { } model)
        {
            return;
        }

        if (CallSitePlanner.WhyNotInterceptable(syntax, invocation.TargetMethod, model, context.Compilation, context.CancellationToken) is { } reason)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.CallNotMonitored,
                NameLocation(syntax),
                invocation.TargetMethod.ToDisplayString(SymbolFormats.Display),
                reason));
        }
    }

    // A late-bound call picks its method at run time, so no interceptor can be placed on it. Any monitored method of
    // that name in this compilation may be the one it reaches (receivers typed dynamic say nothing more).
    private static void AnalyzeDynamicInvocation(OperationAnalysisContext context, System.Func<IMethodSymbol, bool> timedByWeaver)
    {
        var invocation = (IDynamicInvocationOperation)context.Operation;
        if (invocation.Syntax is not InvocationExpressionSyntax syntax || CallSitePlanner.InvokedName(syntax) is not { } name)
        {
            return;
        }

        foreach (ISymbol candidate in context.Compilation.GetSymbolsWithName(name, SymbolFilter.Member, context.CancellationToken))
        {
            if (candidate is IMethodSymbol method && IsMonitored(method) && !timedByWeaver(method))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.CallNotMonitored,
                    NameLocation(syntax),
                    method.ToDisplayString(SymbolFormats.Display),
                    "a dynamic call is bound at run time, and only calls bound at compile time can be intercepted"));
                return;
            }
        }
    }

    private static void AnalyzeMethodReference(OperationAnalysisContext context, System.Func<IMethodSymbol, bool> timedByWeaver)
    {
        var reference = (IMethodReferenceOperation)context.Operation;
        if (IsMonitored(reference.Method) && !timedByWeaver(reference.Method))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.DelegateNotMonitored,
                reference.Syntax.GetLocation(),
                reference.Method.ToDisplayString(SymbolFormats.Display),
                reference.Method.Name));
        }
    }

    private static bool IsMonitored(IMethodSymbol method)
    {
        IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
        return MonitoredMethodReader.FindSpecification(definition) is { } attribute
            && MonitoredMethodReader.Read(definition, attribute, declaredInSource: false) is not null;
    }

    private static Location NameLocation(InvocationExpressionSyntax syntax) => syntax.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.GetLocation(),
        MemberBindingExpressionSyntax binding => binding.Name.GetLocation(),
        _ => syntax.Expression.GetLocation(),
    };
}
