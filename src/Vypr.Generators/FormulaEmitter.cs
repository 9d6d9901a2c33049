using System.Collections.Generic;
using System.Linq;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>
/// Writes the interceptors of calls that record events for fluent specifications: calls of a scoped method
/// (which begin and end an invocation) and calls in a scoped method's body. The probes write fixed-size records;
/// values are captured only where a specification reads them.
/// </summary>
internal static class FormulaEmitter
{
    private const string Probe = "global::Vypr.Runtime.Probe";
    private const string Instance = "global::Vypr.Runtime.ScopeInstance";

    /// <summary>The assembly attributes that let other compilations weave calls of this compilation's scoped methods.</summary>
    public static void EmitContracts(SourceWriter writer, InterceptionPlan plan)
    {
        foreach (ScopeCallContract contract in plan.Contracts)
        {
            writer.Line($"[assembly: global::Vypr.SpecificationScopeAttribute({Literal(contract.SpecificationKey)}, {Literal(contract.ScopeKey)}, {Literal(contract.ScopeCaptures)}, {Literal(contract.ParameterChanges)})]");
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
        foreach (FormulaSpecification formula in plan.Formulas)
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

    /// <summary>The interceptor of a call with fluent-specification roles (and possibly <c>[MaxDuration]</c> targets).</summary>
    public static void EmitInterceptor(SourceWriter writer, InterceptedCall call, string name, string signature, string originalCall, bool returnsValue)
    {
        FormulaRole? scope = call.Roles.FirstOrDefault(r => r.IsScope);
        FormulaRole[] inner = call.Roles.Where(r => !r.IsScope).ToArray();
        string[] captured = CapturedArguments(call);
        bool passesResult = returnsValue && call.ReturnRefKind.Length == 0 && NeedsResult(call);
        string resultType = ResultType(call);

        writer.Line($"[global::System.Runtime.CompilerServices.InterceptsLocation({call.LocationVersion}, {Literal(call.LocationData)})] // {call.File}({call.Line},{call.Column})");
        writer.Open(signature);
        writer.Open($"if (!{Probe}.IsEnabled)");
        writer.Line(originalCall);
        if (!returnsValue)
        {
            writer.Line("return;");
        }

        writer.Close();
        writer.Line();
        EmitSiteSelection(writer, call);
        for (int i = 0; i < inner.Length; i++)
        {
            writer.Line($"{Instance}? vyprInner{i} = {Instance}.Current(VyprRegistrations.{inner[i].ScopeField});");
        }

        if (scope is not null)
        {
            writer.Line($"{Instance} vyprScope = {Probe}.EnterScope(VyprRegistrations.{scope.ScopeField});");
        }

        writer.Line($"long vyprStart = {Probe}.Start();");
        if (scope is not null)
        {
            foreach (PointModel point in scope.Points.Where(p => p.Kind == "ScopeCall"))
            {
                writer.Line($"{Probe}.Entered(VyprRegistrations.{point.Field}, vyprScope, vyprStart);");
            }

            // Parameters are changes at entry: their values are captured before the body runs.
            foreach (PointModel point in scope.Points.Where(p => p.Kind == "Change"))
            {
                foreach (string capture in point.Captures)
                {
                    writer.Line(Capture(capture.Replace("value", "arg:" + point.Variable), new[] { Escape(point.Variable!) }, null));
                }

                writer.Line($"{Probe}.Event(VyprRegistrations.{point.Field}, vyprScope, vyprStart, vyprStart, true);");
            }
        }

        string record = $"VyprRecord_{name}";
        string Arguments(string end, string completed, string result) =>
            string.Join(", ", Enumerable.Range(0, inner.Length).Select(i => "vyprInner" + i)
                .Concat(scope is null ? Enumerable.Empty<string>() : new[] { "vyprScope" })
                .Concat(new[] { "vyprStart", end, completed })
                .Concat(captured)
                .Concat(passesResult && result.Length > 0 ? new[] { result } : Enumerable.Empty<string>()));

        if (call.Async == AsyncKind.None)
        {
            writer.Line("bool vyprCompleted = false;");
            if (passesResult)
            {
                writer.Line($"{call.ReturnType} vyprResult = default!;");
            }

            writer.Open("try");
            if (!returnsValue)
            {
                writer.Line(call.Invocation + ";");
                writer.Line("vyprCompleted = true;");
            }
            else if (passesResult)
            {
                writer.Line($"vyprResult = {call.Invocation};");
                writer.Line("vyprCompleted = true;");
                writer.Line("return vyprResult;");
            }
            else
            {
                writer.Line($"{(call.ReturnRefKind.Length > 0 ? "return ref " : "return ")}{call.Invocation};");
            }

            writer.Close();
            writer.Open("finally");
            writer.Line($"long vyprEnd = {Probe}.Start();");
            if (scope is not null)
            {
                writer.Line($"{Probe}.LeaveScope(vyprScope);");
            }

            EmitStop(writer, call, "vyprCompleted");
            writer.Line($"{record}({Arguments("vyprEnd", "vyprCompleted", "vyprResult")});");
            writer.Close();
        }
        else
        {
            writer.Line($"{call.ReturnType} vyprTask;");
            writer.Open("try");
            writer.Line($"vyprTask = {call.Invocation};");
            writer.Close();
            writer.Open("catch");
            if (scope is not null)
            {
                writer.Line($"{Probe}.LeaveScope(vyprScope);");
            }

            EmitStop(writer, call, "false");
            writer.Line($"{record}({Arguments(Probe + ".Start()", "false", "default!")});");
            writer.Line("throw;");
            writer.Close();
            writer.Line();
            if (scope is not null)
            {
                // The async method captured the invocation at its first await; the caller goes on outside it.
                writer.Line($"{Probe}.LeaveScope(vyprScope);");
            }

            EmitCompletion(writer, call, name, passesResult, resultType, Arguments);
            if (call.Targets.Length > 0)
            {
                writer.Line($"return vyprSite != 0 ? {Probe}.StopWhenComplete(vyprTask, vyprSite, vyprStart) : vyprTask;");
            }
            else
            {
                writer.Line("return vyprTask;");
            }
        }

        writer.Close();
        writer.Line();
        EmitRecord(writer, call, record, inner, scope, captured, passesResult, resultType);
    }

    /// <summary>The file-local classes that carry an asynchronous call's state to its completion.</summary>
    public static void EmitPending(SourceWriter writer, InterceptedCall call, string name)
    {
        if (call.Roles.Length == 0 || call.Async == AsyncKind.None)
        {
            return;
        }

        FormulaRole? scope = call.Roles.FirstOrDefault(r => r.IsScope);
        int innerCount = call.Roles.Count(r => !r.IsScope);
        string[] captured = CapturedArguments(call);
        bool returnsValue = call.ReturnType != "void";
        bool passesResult = returnsValue && NeedsResult(call);
        string resultType = ResultType(call);
        var fields = new List<(string Type, string Name)>();
        for (int i = 0; i < innerCount; i++)
        {
            fields.Add(($"{Instance}?", "vyprInner" + i));
        }

        if (scope is not null)
        {
            fields.Add((Instance, "vyprScope"));
        }

        fields.Add(("long", "vyprStart"));
        foreach (string argument in captured)
        {
            fields.Add((call.Parameters.First(p => p.Name == argument).Type, argument));
        }

        string taskType = resultType.Length > 0 ? $"global::System.Threading.Tasks.Task<{resultType}>" : "global::System.Threading.Tasks.Task";
        writer.Open($"file sealed class VyprPending_{name}({string.Join(", ", fields.Select(f => f.Type + " " + f.Name))})");
        string result = passesResult ? ", task.IsCompletedSuccessfully ? task.Result : default!" : string.Empty;
        writer.Line($"public void Complete({taskType} task) => VyprInterceptors.VyprRecord_{name}(" +
            string.Join(", ", fields.Take(innerCount + (scope is null ? 0 : 1)).Select(f => f.Name)
                .Concat(new[] { "vyprStart", $"{Probe}.Start()", "task.IsCompletedSuccessfully" })
                .Concat(captured)) + result + ");");
        writer.Close();
        writer.Line();
    }

    private static void EmitCompletion(SourceWriter writer, InterceptedCall call, string name, bool passesResult, string resultType, System.Func<string, string, string, string> arguments)
    {
        string pending = $"new VyprPending_{name}({PendingArguments(call)})";
        string continuation = $".ContinueWith(static (task, state) => ((VyprPending_{name})state!).Complete(task), {pending}, global::System.Threading.CancellationToken.None, global::System.Threading.Tasks.TaskContinuationOptions.ExecuteSynchronously, global::System.Threading.Tasks.TaskScheduler.Default);";
        string taskResult = passesResult ? "vyprTask.IsCompletedSuccessfully ? vyprTask.Result : default!" : string.Empty;
        if (call.Async == AsyncKind.Task)
        {
            writer.Open("if (vyprTask.IsCompleted)");
            writer.Line($"VyprRecord_{name}({arguments(Probe + ".Start()", "vyprTask.IsCompletedSuccessfully", taskResult)});");
            writer.Close();
            writer.Open("else");
            writer.Line("vyprTask" + continuation);
            writer.Close();
            return;
        }

        // A value task may be consumed once: a completed result is read and handed back as a new value task, and a
        // pending one is turned into a task exactly once and wrapped again.
        string taskType = resultType.Length > 0 ? $"global::System.Threading.Tasks.Task<{resultType}>" : "global::System.Threading.Tasks.Task";
        writer.Open("if (vyprTask.IsCompletedSuccessfully)");
        if (resultType.Length > 0)
        {
            writer.Line($"{resultType} vyprResult = vyprTask.Result;");
            writer.Line($"vyprTask = new {call.ReturnType}(vyprResult);");
        }

        writer.Line($"VyprRecord_{name}({arguments(Probe + ".Start()", "true", "vyprResult")});");
        writer.Close();
        writer.Open("else");
        writer.Line($"{taskType} vyprAsTask = vyprTask.AsTask();");
        writer.Line($"vyprTask = new {call.ReturnType}(vyprAsTask);");
        writer.Line("vyprAsTask" + continuation);
        writer.Close();
    }

    private static string PendingArguments(InterceptedCall call)
    {
        int innerCount = call.Roles.Count(r => !r.IsScope);
        return string.Join(", ", Enumerable.Range(0, innerCount).Select(i => "vyprInner" + i)
            .Concat(call.Roles.Any(r => r.IsScope) ? new[] { "vyprScope" } : Enumerable.Empty<string>())
            .Concat(new[] { "vyprStart" })
            .Concat(CapturedArguments(call)));
    }

    private static void EmitRecord(SourceWriter writer, InterceptedCall call, string record, FormulaRole[] inner, FormulaRole? scope, string[] captured, bool passesResult, string resultType)
    {
        var parameters = new List<string>();
        for (int i = 0; i < inner.Length; i++)
        {
            parameters.Add($"{Instance}? vyprInner{i}");
        }

        if (scope is not null)
        {
            parameters.Add($"{Instance} vyprScope");
        }

        parameters.Add("long vyprStart");
        parameters.Add("long vyprEnd");
        parameters.Add("bool vyprCompleted");
        foreach (string argument in captured)
        {
            parameters.Add(call.Parameters.First(p => p.Name == argument).Type + " " + argument);
        }

        if (passesResult)
        {
            parameters.Add(resultType + " vyprResult");
        }

        string result = passesResult ? "vyprResult" : null!;
        writer.Open($"internal static void {record}({string.Join(", ", parameters)})");
        for (int i = 0; i < inner.Length; i++)
        {
            writer.Open($"if (vyprInner{i} is not null)");
            foreach (PointModel point in inner[i].Points.Where(p => p.Kind == "Call"))
            {
                foreach (string capture in point.Captures)
                {
                    writer.Line(Capture(capture, captured, passesResult ? result : null));
                }

                writer.Line($"{Probe}.Event(VyprRegistrations.{point.Field}, vyprInner{i}, vyprStart, vyprEnd, vyprCompleted);");
            }

            // A call that threw assigned nothing: there is no change to record. The assignment happens after the call
            // returned, so the change reads the clock again: a change is "after" the call that produced it.
            PointModel[] changes = inner[i].Points.Where(p => p.Kind == "Change").ToArray();
            if (changes.Length > 0)
            {
                writer.Open("if (vyprCompleted)");
                writer.Line($"long vyprChanged = {Probe}.Start();");
                foreach (PointModel point in changes)
                {
                    foreach (string capture in point.Captures)
                    {
                        writer.Line(Capture(capture.Replace("value", "result"), captured, passesResult ? result : null));
                    }

                    writer.Line($"{Probe}.Event(VyprRegistrations.{point.Field}, vyprInner{i}, vyprChanged, vyprChanged, true);");
                }

                writer.Close();
            }

            writer.Close();
        }

        if (scope is not null)
        {
            foreach (PointModel point in scope.Points.Where(p => p.Kind == "ScopeCall"))
            {
                foreach (string capture in point.Captures)
                {
                    writer.Line(Capture(capture, captured, passesResult ? result : null));
                }

                writer.Line($"{Probe}.Event(VyprRegistrations.{point.Field}, vyprScope, vyprStart, vyprEnd, vyprCompleted);");
            }

            writer.Line($"{Probe}.Exited(vyprScope);");
        }

        writer.Close();
    }

    private static void EmitSiteSelection(SourceWriter writer, InterceptedCall call)
    {
        if (call.Targets.Length == 0)
        {
            return;
        }

        // Unlike a pure [MaxDuration] interceptor, a call whose receiver is not a monitored type still records its
        // formula events: the duration probe is skipped with site 0 instead of returning early.
        writer.Line("int vyprSite = 0;");
        string receiverType = "@this.GetType()";
        foreach (MonitoredTarget target in call.Targets)
        {
            if (target.RuntimeType is null)
            {
                writer.Line($"vyprSite = VyprRegistrations.{target.SiteField};");
                break;
            }

            writer.Open($"if (vyprSite == 0 && {receiverType} == typeof({target.RuntimeType}))");
            writer.Line($"vyprSite = VyprRegistrations.{target.SiteField};");
            writer.Close();
        }
    }

    private static void EmitStop(SourceWriter writer, InterceptedCall call, string completed)
    {
        if (call.Targets.Length > 0 && (call.Async == AsyncKind.None || completed == "false"))
        {
            writer.Open("if (vyprSite != 0)");
            writer.Line($"{Probe}.Stop(vyprSite, vyprStart, {completed});");
            writer.Close();
        }
    }

    // The arguments some point captures, by the interceptor's parameter names (out parameters are never read: a call
    // that throws may leave them unassigned).
    private static string[] CapturedArguments(InterceptedCall call) => call.Roles
        .SelectMany(r => r.Points.Where(p => !(r.IsScope && p.Kind == "Change")))
        .SelectMany(p => p.Captures)
        .Where(c => c.StartsWith("arg:", System.StringComparison.Ordinal))
        .Select(c => Escape(c.Substring(4).Split('#')[0]))
        .Where(n => call.Parameters.Any(p => p.Name == n && p.RefKind != "out "))
        .Distinct()
        .OrderBy(n => n, System.StringComparer.Ordinal)
        .ToArray();

    private static bool NeedsResult(InterceptedCall call) => call.Roles.Any(r => r.Points.Any(p =>
        (!r.IsScope && p.Kind == "Change") || p.Captures.Any(c => c.StartsWith("result", System.StringComparison.Ordinal))));

    // The value a call produces: the awaited type of a Task<T> or ValueTask<T>, the return type otherwise.
    private static string ResultType(InterceptedCall call)
    {
        if (call.Async == AsyncKind.None)
        {
            return call.ReturnType == "void" ? string.Empty : call.ReturnType;
        }

        int open = call.ReturnType.IndexOf('<');
        return open < 0 ? string.Empty : call.ReturnType.Substring(open + 1, call.ReturnType.Length - open - 2);
    }

    // A capture the call cannot provide (an argument it does not have, the result of a void or ref-returning
    // method) is written as missing, so the values stay aligned with the point's capture list.
    private static string Capture(string capture, string[] arguments, string? result)
    {
        bool length = capture.EndsWith("#length", System.StringComparison.Ordinal);
        string name = length ? capture.Substring(0, capture.Length - "#length".Length) : capture;
        string? source = name.StartsWith("arg:", System.StringComparison.Ordinal)
            ? (arguments.Contains(Escape(name.Substring(4))) ? Escape(name.Substring(4)) : null)
            : name == "result" ? result : null;
        return source is null
            ? $"{Probe}.Missing();"
            : $"{Probe}.{(length ? "Length" : "Value")}({source});";
    }

    private static string Escape(string name) => "@" + name;

    private static string Nullable(string? value) => value is null ? "null" : Literal(value);

    private static string Literal(string value) => Emitter.Literal(value);
}
