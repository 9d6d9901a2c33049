using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
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

        /// <summary>The resolved plan of interceptors.</summary>
        public const string Plan = "InterceptionPlan";
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<ImmutableArray<MonitoredMethod>> declared = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.MaxDurationAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                MonitoredMethodReader.FromDeclaration)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(Steps.DeclaredMethods)
            .Collect();

        IncrementalValueProvider<EquatableArray<MonitoredMethod>> referenced = context.CompilationProvider
            .Select(static (compilation, token) => MonitoredMethodReader.FromReferences(compilation, token))
            .WithTrackingName(Steps.ReferencedMethods);

        IncrementalValueProvider<EquatableArray<MonitoredMethod>> monitored = declared
            .Combine(referenced)
            .Select(static (pair, _) => pair.Left.AddRange(pair.Right.AsImmutableArray()).ToEquatableArray());

        IncrementalValueProvider<EquatableArray<string>> names = monitored
            .Select(static (methods, _) => CallSitePlanner.NamesOf(methods.AsImmutableArray()))
            .WithTrackingName(Steps.Names);

        IncrementalValueProvider<ImmutableArray<CallCandidate>> candidates = context.SyntaxProvider
            .CreateSyntaxProvider(CallSitePlanner.IsCandidate, CallSitePlanner.ToCandidate)
            .Combine(names)
            .Where(static pair => pair.Right.AsImmutableArray().Contains(pair.Left.Name))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(Steps.Candidates)
            .Collect();

        IncrementalValueProvider<InterceptionPlan?> plan = candidates
            .Combine(monitored)
            .Combine(context.CompilationProvider)
            .Select(static (input, token) => input.Left.Right.Length == 0
                ? null
                : CallSitePlanner.Plan(input.Left.Left, input.Left.Right.AsImmutableArray(), input.Right, token))
            .WithTrackingName(Steps.Plan);

        context.RegisterSourceOutput(plan, static (output, plan) =>
        {
            if (plan is not null && (plan.Calls.Length > 0 || plan.Specifications.Length > 0))
            {
                output.AddSource(Emitter.HintName, Emitter.Emit(plan));
            }
        });
    }
}
