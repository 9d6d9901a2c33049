using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using Vypr.Fody.Emit;
using Vypr.Fody.Naming;
using Vypr.Fody.Reading;

namespace Vypr.Fody.Scopes;

/// <summary>
/// Weaves a fluent specification's scoped method in its own body, so that its invocation begins and ends in the
/// callee, however it is called (directly, through an interface or a base method, a delegate, reflection, from
/// another assembly). The probe calls are the interceptor's, in the same order:
/// <code>
/// ScopeInstance scope = null; long start = 0;
/// if (Probe.IsEnabled) { scope = Probe.EnterScopeOnThread(Scope) (EnterScope for an async method or one returning a task); start = Probe.Start(); Probe.Entered(Enter1, scope, start); ...parameters at entry... }
/// try { ...original body, its calls and changes observed (BodyObserver)... }
/// finally { if (scope != null) { long end = Probe.Start(); Probe.LeaveScope(scope); ...captures; Probe.Event(Call1, scope, start, end, completed); Probe.Exited(scope, end); } }
/// </code>
/// A method that returns a task (async or not) leaves the invocation when the task exists and ends it when the task
/// completes; an async method's body is its state machine's <c>MoveNext</c>, which finds the invocation through
/// <c>ScopeInstance.Current</c> as an interceptor's inner calls do.
/// </summary>
internal sealed class ScopeWeaver
{
    private readonly ModuleDefinition _module;
    private readonly EventEmitter _emitter;
    private readonly FieldReference _isEnabled;
    private readonly RegistrationEmitter _registrations;
    private readonly SpecificationReader.Problem _report;

    public ScopeWeaver(ModuleDefinition module, ScopeReferences references, FieldReference isEnabled, RegistrationEmitter registrations, SpecificationReader.Problem report)
    {
        _module = module;
        _emitter = new EventEmitter(references);
        _isEnabled = isEnabled;
        _registrations = registrations;
        _report = report;
    }

    private ScopeReferences References => _emitter.References;

    /// <summary>
    /// Weaves every scoped method the specifications name; tells <paramref name="woven"/> each one (its name, the keys
    /// of its specifications, its declaration) and returns how many were woven.
    /// </summary>
    public int Weave(IReadOnlyList<ScopeSpecification> specifications, System.Action<string, IEnumerable<string>, SequencePoint?> woven)
    {
        var methods = new Dictionary<string, MethodDefinition>(System.StringComparer.Ordinal);
        foreach (MethodDefinition method in _module.GetTypes().SelectMany(t => t.Methods))
        {
            string key = DocumentationId.Of(method);
            if (!methods.ContainsKey(key))
            {
                methods.Add(key, method);
            }
        }

        int count = 0;
        foreach (IGrouping<string, ScopeSpecification> scope in specifications.GroupBy(s => s.ScopeKey, System.StringComparer.Ordinal))
        {
            if (!methods.TryGetValue(scope.Key, out MethodDefinition? method) || !method.HasBody)
            {
                _report($"Vypr: the scoped method {scope.Key} of {string.Join(", ", scope.Select(s => s.Key))} has no body in {_module.Assembly.Name.Name} to weave, so its specifications are not checked", null, true);
                continue;
            }

            if (WeaveScope(method, scope.ToList()))
            {
                count++;
                woven(DisplayName.Of(method), scope.Select(s => s.Key), SourceLocator.Find(method));
            }
        }

        return count;
    }

    private bool WeaveScope(MethodDefinition method, List<ScopeSpecification> specifications)
    {
        SequencePoint? declaration = SourceLocator.Find(method);
        MethodDefinition? machine = SourceLocator.StateMachineMoveNext(method);
        bool isAsync = method.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.AsyncStateMachineAttribute");
        TaskShape shape = ProtectedBody.ShapeOf(method.ReturnType);
        if ((machine is not null && !isAsync) || (isAsync && shape == TaskShape.None))
        {
            _report(
                $"Vypr: {DisplayName.Of(method)} is {(isAsync ? "an async void method" : "an iterator")}, whose work runs after its call returns (or no caller can see it end), so its specifications ({string.Join(", ", specifications.Select(s => s.Key))}) cannot be checked in IL",
                declaration,
                true);
            return false;
        }

        string caller = DisplayName.Of(method);
        FieldReference scope = _registrations.AddScope(specifications[0].ScopeKey, References.RegisterScope);
        new BodyObserver(_emitter, _isEnabled, _registrations, machine ?? method, scope, caller, method.DeclaringType, specifications, _report).Observe();
        // A method with no state machine that returns no task runs its body on the calling thread while the call
        // lasts: its invocation is current on that thread and allocates nothing, as the generator's synchronous scopes.
        WeaveEntryAndExit(method, specifications, scope, caller, declaration, shape, onThread: machine is null && shape == TaskShape.None);
        return true;
    }

    private void WeaveEntryAndExit(
        MethodDefinition method, List<ScopeSpecification> specifications, FieldReference scopeField, string caller, SequencePoint? declaration, TaskShape shape, bool onThread)
    {
        MethodBody body = method.Body;
        body.SimplifyMacros();
        body.InitLocals = true;
        var types = _module.TypeSystem;
        var scope = new VariableDefinition(References.ScopeInstance);
        var start = new VariableDefinition(types.Int64);
        var end = new VariableDefinition(types.Int64);
        var completed = new VariableDefinition(types.Boolean);
        bool returnsValue = method.ReturnType.MetadataType != MetadataType.Void;
        VariableDefinition? result = returnsValue ? new VariableDefinition(method.ReturnType) : null;
        body.Variables.Add(scope);
        body.Variables.Add(start);
        body.Variables.Add(end);
        body.Variables.Add(completed);
        if (result is not null)
        {
            body.Variables.Add(result);
        }

        var enters = specifications
            .Select(s => _registrations.AddPoint(References.RegisterPoint, s.Key, 0, null, null, null, string.Join(",", s.ScopeCaptures.Select(c => c.Text)), declaration, caller))
            .ToList();
        var exits = specifications.Zip(enters, (s, point) => new PointEvent(point, s.ScopeCaptures)).ToList();
        // An argument is the value passed (the state before the call), copied at entry: the body may assign the parameter.
        var arguments = new Dictionary<string, VariableDefinition>(System.StringComparer.Ordinal);
        foreach (string name in specifications.SelectMany(s => s.ScopeCaptures).Select(c => c.Argument).OfType<string>().Distinct())
        {
            if (method.Parameters.FirstOrDefault(p => p.Name == name) is { ParameterType.IsByReference: false } parameter)
            {
                var copy = new VariableDefinition(parameter.ParameterType);
                body.Variables.Add(copy);
                arguments.Add(name, copy);
            }
        }

        ValueSource? Argument(Capture capture) =>
            capture.Argument is not null && arguments.TryGetValue(capture.Argument, out VariableDefinition? copy)
                ? new ValueSource(copy.VariableType, Instruction.Create(OpCodes.Ldloc, copy))
                : null;

        var frame = new ProtectedBody(body, shape, result, completed, () => Instruction.Create(OpCodes.Ldloc, scope));

        // Entry: the invocation begins, each specification's Enter, the parameters it observes at entry.
        var entry = new List<Instruction>
        {
            Instruction.Create(OpCodes.Ldsfld, _isEnabled),
            Instruction.Create(OpCodes.Brfalse, frame.First),
            Instruction.Create(OpCodes.Ldsfld, scopeField),
            Instruction.Create(OpCodes.Call, onThread ? References.EnterScopeOnThread : References.EnterScope),
            Instruction.Create(OpCodes.Stloc, scope),
            Instruction.Create(OpCodes.Call, References.Start),
            Instruction.Create(OpCodes.Stloc, start),
        };
        foreach (FieldReference enter in enters)
        {
            entry.Add(Instruction.Create(OpCodes.Ldsfld, enter));
            entry.Add(Instruction.Create(OpCodes.Ldloc, scope));
            entry.Add(Instruction.Create(OpCodes.Ldloc, start));
            entry.Add(Instruction.Create(OpCodes.Call, References.Entered));
        }

        var parameterEvents = specifications
            .SelectMany(s => s.Parameters.Select(p => (Specification: s, Parameter: p)))
            .Select(x => (x.Parameter.Name, Event: new PointEvent(
                _registrations.AddPoint(References.RegisterPoint, x.Specification.Key, 2, null, null, x.Parameter.Name, string.Join(",", x.Parameter.Captures.Select(c => c.Text)), declaration, caller),
                x.Parameter.Captures)))
            .ToList();
        foreach ((string name, PointEvent parameterEvent) in parameterEvents)
        {
            ParameterDefinition? parameter = method.Parameters.FirstOrDefault(p => p.Name == name);
            ValueSource? value = parameter is null || parameter.ParameterType.IsByReference ? null : new ValueSource(parameter.ParameterType, Instruction.Create(OpCodes.Ldarg, parameter));
            _emitter.Events(entry, [parameterEvent], scope, start, start, () => Instruction.Create(OpCodes.Ldc_I4_1), c => c.IsValue ? value : null, null, null);
        }

        foreach (KeyValuePair<string, VariableDefinition> argument in arguments)
        {
            entry.Add(Instruction.Create(OpCodes.Ldarg, method.Parameters.First(p => p.Name == argument.Key)));
            entry.Add(Instruction.Create(OpCodes.Stloc, argument.Value));
        }

        frame.Enter(entry);
        if (shape == TaskShape.None)
        {
            // finally: the invocation's own event with its captures, then its end.
            frame.Finally((il, endFinally) =>
            {
                il.Add(Instruction.Create(OpCodes.Brfalse, endFinally));
                Exit(il, scope, start, end, () => Instruction.Create(OpCodes.Ldloc, completed), Argument, result is null ? null : new ValueSource(method.ReturnType, Instruction.Create(OpCodes.Ldloc, result)), completed, exits);
            });
        }
        else
        {
            frame.Catch(
                // A throw before the task exists ends the invocation as a call that threw, and is rethrown.
                (il, rethrow) =>
                {
                    il.Add(Instruction.Create(OpCodes.Brfalse, rethrow));
                    Exit(il, scope, start, end, () => Instruction.Create(OpCodes.Ldc_I4_0), Argument, null, null, exits);
                },
                // The task exists: the caller goes on outside the invocation; it ends when the task completes.
                (il, done) =>
                {
                    il.Add(Instruction.Create(OpCodes.Brfalse, done));
                    il.Add(Instruction.Create(OpCodes.Ldloc, scope));
                    il.Add(Instruction.Create(OpCodes.Call, References.LeaveScope));
                    _emitter.Completion(il, body, result!, shape, scope, start, exits, Argument, exits: true, done);
                });
        }
    }

    private void Exit(
        List<Instruction> il, VariableDefinition scope, VariableDefinition start, VariableDefinition end, System.Func<Instruction> completed,
        System.Func<Capture, ValueSource?> argument, ValueSource? result, VariableDefinition? resultValid, IReadOnlyList<PointEvent> events)
    {
        il.Add(Instruction.Create(OpCodes.Call, References.Start));
        il.Add(Instruction.Create(OpCodes.Stloc, end));
        il.Add(Instruction.Create(OpCodes.Ldloc, scope));
        il.Add(Instruction.Create(OpCodes.Call, References.LeaveScope));
        _emitter.Events(il, events, scope, start, end, completed, argument, result, resultValid);
        il.Add(Instruction.Create(OpCodes.Ldloc, scope));
        il.Add(Instruction.Create(OpCodes.Ldloc, end));
        il.Add(Instruction.Create(OpCodes.Call, References.ExitedAt));
    }
}
