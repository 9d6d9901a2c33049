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

        if (plan.Contracts.Length > 0)
        {
            writer.Line();
        }
    }

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
