using System.Collections.Generic;
using System.Linq;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>
/// Writes what fluent specifications add to the generated file besides interceptor sections: the contracts other
/// compilations read, and the registrations of specifications, scoped methods and points.
/// </summary>
internal static class RegistrationWriter
{
    /// <summary>The assembly attributes that let other compilations weave calls of this compilation's scoped methods.</summary>
    public static void EmitContracts(SourceWriter writer, InterceptionPlan plan)
    {
        foreach (ScopeCallContract contract in plan.Contracts)
        {
            writer.Line($"[assembly: global::Vypr.SpecificationScopeAttribute({Literal(contract.SpecificationKey)}, {Literal(contract.ScopeKey)}, {Literal(contract.ScopeCapturesText)}, {Literal(contract.ParameterChangesText)})]");
        }

        foreach (WovenScope scope in plan.WovenScopes)
        {
            writer.Line($"[assembly: global::System.Reflection.AssemblyMetadata({Literal(WovenScopeKey)}, {Literal(WovenScopeText(scope))})]");
        }

        if (plan.Contracts.Length > 0 || plan.WovenScopes.Length > 0)
        {
            writer.Line();
        }
    }

    /// <summary>The key of the assembly metadata that describes a scoped method to the IL weaver (Vypr.Fody reads and removes it).</summary>
    public const string WovenScopeKey = "Vypr.WovenScope";

    /// <summary>
    /// A scoped method as the IL weaver reads it: one record per line, fields separated by tabs (documentation IDs,
    /// names and capture names hold neither), captures comma-separated:
    /// <c>spec KEY SCOPE CAPTURES</c>, then <c>parameter NAME CAPTURES</c>, <c>call TARGET NAME TYPES CAPTURES</c>,
    /// <c>change NAME CAPTURES</c>.
    /// </summary>
    public static string WovenScopeText(WovenScope scope)
    {
        var lines = new List<string> { Record("spec", scope.Contract.SpecificationKey, scope.Contract.ScopeKey, scope.Contract.ScopeCapturesText) };
        lines.AddRange(scope.Contract.ParameterChanges.Select(p => Record("parameter", p.Variable, string.Join(",", p.Captures))));
        lines.AddRange(scope.Calls.Select(c => Record("call", c.TargetKey, c.Method, c.DeclaringType, string.Join(",", c.Captures))));
        lines.AddRange(scope.Changes.Select(c => Record("change", c.Variable, string.Join(",", c.Captures))));
        return string.Join("\n", lines);
    }

    private static string Record(params string[] fields) => string.Join("\t", fields);

    /// <summary>The registrations of fluent specifications, scoped methods and points.</summary>
    public static void EmitRegistrations(SourceWriter writer, InterceptionPlan plan)
    {
        int index = 0;
        foreach (FluentSpecification formula in plan.Formulas)
        {
            writer.Line($"internal static readonly int Formula{++index} = global::Vypr.Runtime.MonitorRegistry.RegisterFormula(" +
                $"{Literal(formula.Key)}, {Literal(formula.ScopeDisplay)}, static () => {formula.MemberAccess});");
        }

        for (int i = 0; i < plan.ScopeKeys.Length; i++)
        {
            writer.Line($"internal static readonly int Scope{i + 1} = global::Vypr.Runtime.MonitorRegistry.RegisterScope({Literal(plan.ScopeKeys[i])});");
        }

        foreach (InterceptedCall call in plan.Calls)
        {
            foreach (PointModel point in call.Roles.SelectMany(r => r.Points))
            {
                writer.Line($"internal static readonly int {point.Field} = global::Vypr.Runtime.MonitorRegistry.RegisterPoint(" +
                    $"{Literal(point.SpecificationKey)}, global::Vypr.Runtime.Monitoring.PointKind.{point.Kind}, {Nullable(point.Method)}, {Nullable(point.DeclaringType)}, {Nullable(point.Variable)}, " +
                    $"{Literal(string.Join(",", point.Captures))}, {Literal(call.File)}, {call.Line}, {call.Column}, {Literal(call.Caller)}, {Literal(plan.AssemblyName)});");
            }
        }
    }

    private static string Nullable(string? value) => value is null ? "null" : Literal(value);

    private static string Literal(string value) => Emitter.Literal(value);
}
