using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>
/// Weaves timing probes into every call of a monitored method that this compilation contains, as C#
/// interceptors, and registers the specifications with the runtime monitor. This file only wires the
/// incremental pipeline; <see cref="MonitoredMethodReader"/> and <see cref="CallSitePlanner"/> read the code
/// into plain models and <see cref="Emitter"/> writes source from them.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class VyprGenerator : IIncrementalGenerator
{
    /// <summary>Names of the tracked pipeline steps, for incremental-caching tests.</summary>
    public static class Steps
    {
        /// <summary>Monitored methods declared in this compilation.</summary>
        public const string DeclaredMethods = "DeclaredMonitoredMethods";

        /// <summary>Monitored methods declared in referenced assemblies.</summary>
        public const string ReferencedMethods = "ReferencedMonitoredMethods";

        /// <summary>Names that may reach a monitored method.</summary>
        public const string Names = "MonitoredNames";

        /// <summary>Invocations whose name matched.</summary>
        public const string Candidates = "CallCandidates";

        /// <summary>Fluent specifications declared in this compilation.</summary>
        public const string DeclaredFormulas = "DeclaredFormulaSpecifications";

        /// <summary>Scoped methods of fluent specifications declared in referenced assemblies.</summary>
        public const string ReferencedScopes = "ReferencedScopes";

        /// <summary>The resolved plan of interceptors.</summary>
        public const string Plan = "InterceptionPlan";

        /// <summary>The plan split into one part per generated file.</summary>
        public const string Parts = "GeneratedParts";
    }

    /// <summary>The oldest C# the generated code compiles in.</summary>
    internal const LanguageVersion MinimumLanguage = LanguageVersion.CSharp12;

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<ImmutableArray<MonitoredMethod>> declared = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.MaxDurationAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                MonitoredMethodReader.FromDeclaration)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(Steps.DeclaredMethods)
            .Collect();

        IncrementalValueProvider<EquatableArray<MonitoredMethod>> referenced = context.CompilationProvider
            .Select(static (compilation, token) => MonitoredMethodReader.FromReferences(compilation, token))
            .WithTrackingName(Steps.ReferencedMethods);

        IncrementalValueProvider<string> weaving = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => Weaving.ModeOf(options.GlobalOptions));

        // With the IL backend, this project's monitored methods time themselves (Vypr.Fody): no interceptor for them.
        // With IL alone, none at all; with Both, calls into monitored methods of assemblies that were not woven.
        IncrementalValueProvider<EquatableArray<MonitoredMethod>> monitored = declared
            .Combine(referenced)
            .Combine(weaving)
            .Select(static (input, _) => input.Right switch
            {
                Weaving.IL => EquatableArray<MonitoredMethod>.Empty,
                Weaving.Both => input.Left.Right,
                _ => input.Left.Left.AddRange(input.Left.Right.AsImmutableArray()).ToEquatableArray(),
            });

        IncrementalValueProvider<ImmutableArray<FluentSpecification>> formulas = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.PerformanceSpecificationAttribute,
                static (node, _) => node is PropertyDeclarationSyntax or VariableDeclaratorSyntax,
                ChainReader.Read)
            .Where(static f => f is not null)
            .Select(static (f, _) => f!)
            .WithTrackingName(Steps.DeclaredFormulas)
            .Collect();

        IncrementalValueProvider<EquatableArray<ScopeCallContract>> referencedScopes = context.CompilationProvider
            .Select(static (compilation, token) => RolePlanner.FromReferences(compilation, token))
            .WithTrackingName(Steps.ReferencedScopes);

        IncrementalValueProvider<(EquatableArray<FluentSpecification> Declared, EquatableArray<ScopeCallContract> Referenced)> formulaInputs = formulas
            .Combine(referencedScopes)
            .Select(static (pair, _) => (pair.Left.ToEquatableArray(), pair.Right));

        IncrementalValueProvider<EquatableArray<string>> names = monitored
            .Combine(formulaInputs)
            .Select(static (input, _) => CallSitePlanner.NamesOf(input.Left.AsImmutableArray())
                .Concat(input.Right.Declared.Select(f => f.ScopeName))
                .Concat(input.Right.Referenced.Select(c => c.ScopeName))
                .Distinct()
                .OrderBy(n => n, System.StringComparer.Ordinal)
                .ToEquatableArray())
            .WithTrackingName(Steps.Names);

        IncrementalValueProvider<ImmutableArray<CallCandidate>> candidates = context.SyntaxProvider
            .CreateSyntaxProvider(CallSitePlanner.IsCandidate, CallSitePlanner.ToCandidate)
            .Combine(names)
            .Where(static pair => pair.Right.AsImmutableArray().Contains(pair.Left.Name))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(Steps.Candidates)
            .Collect();

        // The generated code needs C# 12 (file-local types, primary constructors); a netstandard2.0 project compiles
        // C# 7.3 unless it says otherwise. Below that nothing is woven, and VYPR0020 says so once.
        IncrementalValueProvider<LanguageVersion> language = context.ParseOptionsProvider
            .Select(static (options, _) => options is CSharpParseOptions csharp ? csharp.LanguageVersion : LanguageVersion.Latest);

        IncrementalValueProvider<InterceptionPlan?> plan = candidates
            .Combine(monitored)
            .Combine(formulaInputs)
            .Combine(context.CompilationProvider.Combine(weaving))
            .Combine(language)
            .Select(static (withLanguage, token) =>
            {
                var input = withLanguage.Left;
                ((ImmutableArray<CallCandidate> calls, EquatableArray<MonitoredMethod> methods), var formulaInput) = input.Left;
                return withLanguage.Right < MinimumLanguage || (methods.Length == 0 && formulaInput.Declared.Length == 0 && formulaInput.Referenced.Length == 0)
                    ? null
                    : CallSitePlanner.Plan(
                        calls,
                        methods.AsImmutableArray(),
                        formulaInput.Declared.AsImmutableArray(),
                        formulaInput.Referenced.AsImmutableArray(),
                        input.Right.Left,
                        token,
                        input.Right.Right);
            })
            .WithTrackingName(Steps.Plan);

        // One value per generated file, compared by value: after an edit only the files whose part changed are
        // written and parsed again.
        IncrementalValuesProvider<GeneratedPart> parts = plan
            .SelectMany(static (plan, _) => plan is not null && (plan.Calls.Length > 0 || plan.Specifications.Length > 0 || plan.Formulas.Length > 0 || plan.UnwovenQuantified.Length > 0)
                ? PartSplitter.Split(plan)
                : ImmutableArray<GeneratedPart>.Empty)
            .WithTrackingName(Steps.Parts);

        context.RegisterSourceOutput(parts, static (output, part) => output.AddSource(part.HintName, Emitter.Emit(part)));

        context.RegisterSourceOutput(
            language.Combine(monitored).Combine(formulaInputs),
            static (output, input) =>
            {
                LanguageVersion version = input.Left.Left;
                bool anything = input.Left.Right.Length > 0 || input.Right.Declared.Length > 0 || input.Right.Referenced.Length > 0;
                if (version < MinimumLanguage && anything)
                {
                    output.ReportDiagnostic(Diagnostic.Create(
                        Analyzers.DiagnosticDescriptors.LanguageVersionTooOld,
                        Location.None,
                        MinimumLanguage.ToDisplayString(),
                        version.ToDisplayString()));
                }
            });

        // The report lists every site, so it changes with any of them; it is a comment, cheap to parse again.
        context.RegisterSourceOutput(plan, static (output, plan) =>
        {
            if (plan is not null)
            {
                output.AddSource(WeavingReportWriter.HintName, WeavingReportWriter.Emit(plan));
            }
        });
    }
}
