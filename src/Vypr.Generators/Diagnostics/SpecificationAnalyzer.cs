using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Vypr.Generators.Analyzers;

/// <summary>
/// Reports wrong specifications in the IDE and the build: malformed bounds, specifications that can never be
/// checked. Calls that the generator cannot weave a probe into are counted by <see cref="WeavingCoverageAnalyzer"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SpecificationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MalformedDuration,
        DiagnosticDescriptors.NoBodyToTime,
        DiagnosticDescriptors.NotInterceptableMember);

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

            start.RegisterSymbolAction(c => AnalyzeSpecification((IMethodSymbol)c.Symbol, weaving, c.ReportDiagnostic, c.CancellationToken), SymbolKind.Method);

            // Symbol actions never see local functions; their declarations are operations.
            start.RegisterOperationAction(
                c => AnalyzeSpecification(((ILocalFunctionOperation)c.Operation).Symbol, weaving, c.ReportDiagnostic, c.CancellationToken),
                OperationKind.LocalFunction);
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
}
