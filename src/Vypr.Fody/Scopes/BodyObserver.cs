using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using Vypr.Fody.Emit;
using Vypr.Fody.Naming;

namespace Vypr.Fody.Scopes;

/// <summary>
/// Observes, in a scoped method's body (its own, or its state machine's <c>MoveNext</c> for an async method), the
/// calls and the variable writes its specifications quantify over, recording the same events at the same moments as
/// the interceptors the generator writes for the calls it can see: a call's event after it returned (a task's when it
/// completes), with the arguments and the result it captures; a change right after the write, with the new value.
/// Every write is seen here, whatever its form: plain and compound assignments, increments, deconstructions,
/// pattern, loop and catch variables, and <c>out</c>/<c>ref</c> arguments (recorded after the call that received
/// them). The invocation is the innermost one of the scoped method in the current flow (<c>ScopeInstance.Current</c>):
/// the body run through a delegate or reflection, outside any invocation, records nothing.
/// </summary>
internal sealed class BodyObserver
{
    private readonly EventEmitter _emitter;
    private readonly FieldReference _isEnabled;
    private readonly RegistrationEmitter _registrations;
    private readonly MethodDefinition _method;
    private readonly MethodBody _body;
    private readonly FieldReference _scope;
    private readonly string _caller;
    private readonly TypeDefinition _scopeType;
    private readonly Dictionary<string, List<(ScopeSpecification Specification, ObservedCall Call)>> _calls = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, List<(ScopeSpecification Specification, ObservedVariable Variable)>> _changes = new(System.StringComparer.Ordinal);
    private readonly Dictionary<VariableDefinition, string> _localNames = new();
    private VariableDefinition? _instance;
    private Dictionary<Instruction, int> _depths = new();

    public BodyObserver(
        EventEmitter emitter, FieldReference isEnabled, RegistrationEmitter registrations, MethodDefinition method, FieldReference scope,
        string caller, TypeDefinition scopeType, IEnumerable<ScopeSpecification> specifications)
    {
        _emitter = emitter;
        _isEnabled = isEnabled;
        _registrations = registrations;
        _method = method;
        _body = method.Body;
        _scope = scope;
        _caller = caller;
        _scopeType = scopeType;
        foreach (ScopeSpecification specification in specifications)
        {
            foreach (ObservedCall call in specification.Calls)
            {
                Add(_calls, call.TargetKey, (specification, call));
            }

            foreach (ObservedVariable change in specification.Changes)
            {
                Add(_changes, change.Name, (specification, change));
            }
        }

        if (method.DebugInformation.HasSequencePoints || method.DebugInformation.Scope is not null)
        {
            CollectLocalNames(method.DebugInformation.Scope);
        }
    }

    private ScopeReferences References => _emitter.References;

    /// <summary>Weaves the body; returns how many places record events.</summary>
    public int Observe()
    {
        if (_calls.Count == 0 && _changes.Count == 0)
        {
            return 0;
        }

        _body.SimplifyMacros();
        _body.InitLocals = true;
        _depths = StackDepths.Of(_body);
        int woven = 0;
        Dictionary<Instruction, List<(VariableDefinition Variable, string Name)>> byReference = ByReferenceArguments();
        foreach (Instruction instruction in _body.Instructions.ToList())
        {
            switch (instruction.OpCode.Code)
            {
                case Code.Call or Code.Callvirt when instruction.Operand is MethodReference target:
                    List<(VariableDefinition, string)>? changed = byReference.TryGetValue(instruction, out var list) ? list : null;
                    if (KeyOf(target) is { } key && _calls.TryGetValue(key, out var observed))
                    {
                        WeaveCall(instruction, target, observed, changed);
                        woven++;
                    }
                    else if (changed is not null)
                    {
                        var il = new List<Instruction>();
                        foreach ((VariableDefinition variable, string name) in changed)
                        {
                            Change(il, name, new ValueSource(variable.VariableType, Instruction.Create(OpCodes.Ldloc, variable)), instruction);
                        }

                        InsertAfter(instruction, il);
                        woven++;
                    }

                    break;
                case Code.Stloc when instruction.Operand is VariableDefinition local && _localNames.TryGetValue(local, out string? localName) && _changes.ContainsKey(localName):
                {
                    var il = new List<Instruction>();
                    Change(il, localName, new ValueSource(local.VariableType, Instruction.Create(OpCodes.Ldloc, local)), instruction);
                    InsertAfter(instruction, il);
                    woven++;
                    break;
                }

                case Code.Starg when instruction.Operand is ParameterDefinition parameter && _changes.ContainsKey(parameter.Name):
                {
                    var il = new List<Instruction>();
                    Change(il, parameter.Name, new ValueSource(parameter.ParameterType, Instruction.Create(OpCodes.Ldarg, parameter)), instruction);
                    InsertAfter(instruction, il);
                    woven++;
                    break;
                }

                case Code.Stfld or Code.Stsfld when instruction.Operand is FieldReference field && VariableNameOf(field) is { } fieldName && _changes.ContainsKey(fieldName):
                {
                    // The value is copied before the store (which consumes it) by turning the store itself into the
                    // copy, so that branches that land on the store land on the copy.
                    TypeReference type = field.DeclaringType is GenericInstanceType ? ResolveFieldType(field) : field.FieldType;
                    var copy = new VariableDefinition(type);
                    _body.Variables.Add(copy);
                    OpCode store = instruction.OpCode;
                    instruction.OpCode = OpCodes.Dup;
                    instruction.Operand = null;
                    var il = new List<Instruction>
                    {
                        Instruction.Create(OpCodes.Stloc, copy),
                        Instruction.Create(store, field),
                    };
                    Change(il, fieldName, new ValueSource(type, Instruction.Create(OpCodes.Ldloc, copy)), instruction);
                    InsertAfter(instruction, il);
                    woven++;
                    break;
                }
            }
        }

        _body.OptimizeMacros();
        return woven;
    }

    // A call's event, with its arguments spilled into locals first when the event captures them.
    private void WeaveCall(Instruction call, MethodReference target, List<(ScopeSpecification Specification, ObservedCall Call)> observed, List<(VariableDefinition, string)>? changed)
    {
        var types = _method.Module.TypeSystem;
        Instruction? prefix = call.Previous is { OpCode.OpCodeType: OpCodeType.Prefix } p ? p : null;
        Instruction anchor = prefix ?? call;
        SequencePoint? where = SequencePointOf(call);
        var events = observed
            .Select(o => new PointEvent(
                _registrations.AddPoint(References.RegisterPoint, o.Specification.Key, 1, o.Call.Method, o.Call.DeclaringType, null, string.Join(",", o.Call.Captures.Select(c => c.Text)), where, _caller),
                o.Call.Captures))
            .ToList();

        // A call whose arguments are all the stack holds gets a try of its own, so that a call that throws is recorded
        // as one (completed: false), as an interceptor records it; its arguments and receiver are spilled into locals.
        // Elsewhere only the arguments the events capture are spilled (from the last down to the first captured one).
        int onStack = target.Parameters.Count + (target.HasThis && !target.ExplicitThis ? 1 : 0);
        bool guarded = prefix?.OpCode.Code != Code.Tail
            && _depths.TryGetValue(anchor, out int depth) && depth == onStack
            && !_body.ExceptionHandlers.Any(h => h.FilterStart is not null && h.FilterStart.Offset <= anchor.Offset && anchor.Offset < h.HandlerStart.Offset);
        var arguments = new Dictionary<string, ValueSource>(System.StringComparer.Ordinal);
        int lowest = target.Parameters.Count;
        foreach (Capture capture in events.SelectMany(e => e.Captures).Where(c => c.Argument is not null))
        {
            int index = target.Parameters.ToList().FindIndex(p => p.Name == capture.Argument);
            if (index >= 0 && !target.Parameters[index].ParameterType.IsByReference)
            {
                lowest = System.Math.Min(lowest, index);
            }
        }

        var il = new List<Instruction>();
        var spilled = new List<VariableDefinition>();
        for (int i = target.Parameters.Count - 1; i >= (guarded ? 0 : lowest); i--)
        {
            var local = new VariableDefinition(TypeArguments.Substitute(target.Parameters[i].ParameterType, target));
            _body.Variables.Add(local);
            spilled.Insert(0, local);
            il.Add(Instruction.Create(OpCodes.Stloc, local));
            if (!target.Parameters[i].ParameterType.IsByReference)
            {
                arguments[target.Parameters[i].Name] = new ValueSource(local.VariableType, Instruction.Create(OpCodes.Ldloc, local));
            }
        }

        if (guarded && onStack > target.Parameters.Count)
        {
            var receiver = new VariableDefinition(ReceiverType(target, prefix));
            _body.Variables.Add(receiver);
            spilled.Insert(0, receiver);
            il.Add(Instruction.Create(OpCodes.Stloc, receiver));
        }

        var start = new VariableDefinition(types.Int64);
        _body.Variables.Add(start);
        Instruction newCall = Instruction.Create(call.OpCode, target);
        Instruction? newPrefix = prefix is null ? null : (prefix.Operand is TypeReference constrained ? Instruction.Create(prefix.OpCode, constrained) : Instruction.Create(prefix.OpCode));
        var reload = spilled.Select(local => Instruction.Create(OpCodes.Ldloc, local)).ToList();
        Instruction tryStart = reload.Count > 0 ? reload[0] : newPrefix ?? newCall;
        il.Add(Instruction.Create(OpCodes.Ldsfld, _isEnabled));
        il.Add(Instruction.Create(OpCodes.Brfalse, tryStart));
        il.Add(Instruction.Create(OpCodes.Call, References.Start));
        il.Add(Instruction.Create(OpCodes.Stloc, start));
        il.AddRange(reload);
        if (newPrefix is not null)
        {
            il.Add(newPrefix);
        }

        il.Add(newCall);

        TypeReference returnType = TypeArguments.Substitute(target.ReturnType, target);
        TaskShape shape = ProtectedBody.ShapeOf(returnType);
        bool returns = returnType.MetadataType != MetadataType.Void;
        VariableDefinition? result = returns ? new VariableDefinition(returnType) : null;
        if (result is not null)
        {
            _body.Variables.Add(result);
            il.Add(Instruction.Create(OpCodes.Stloc, result));
        }

        ValueSource? Argument(Capture capture) => capture.Argument is not null && arguments.TryGetValue(capture.Argument, out ValueSource? value) ? value : null;
        Instruction done = result is null ? Instruction.Create(OpCodes.Nop) : Instruction.Create(OpCodes.Ldloc, result);
        VariableDefinition instance = Instance();
        Instruction after = Instruction.Create(OpCodes.Ldsfld, _isEnabled);
        if (guarded)
        {
            Instruction catchStart = Instruction.Create(OpCodes.Pop);
            Instruction rethrow = Instruction.Create(OpCodes.Rethrow);
            var end = new VariableDefinition(types.Int64);
            _body.Variables.Add(end);
            il.Add(Instruction.Create(OpCodes.Leave, after));
            il.Add(catchStart);
            il.Add(Instruction.Create(OpCodes.Ldsfld, _isEnabled));
            il.Add(Instruction.Create(OpCodes.Brfalse, rethrow));
            il.Add(Instruction.Create(OpCodes.Ldsfld, _scope));
            il.Add(Instruction.Create(OpCodes.Call, References.Current));
            il.Add(Instruction.Create(OpCodes.Stloc, instance));
            il.Add(Instruction.Create(OpCodes.Ldloc, instance));
            il.Add(Instruction.Create(OpCodes.Brfalse, rethrow));
            il.Add(Instruction.Create(OpCodes.Call, References.Start));
            il.Add(Instruction.Create(OpCodes.Stloc, end));
            _emitter.Events(il, events, instance, start, end, () => Instruction.Create(OpCodes.Ldc_I4_0), Argument, null, null);
            il.Add(rethrow);

            // Nested inside any handler the call already was in: inner handlers come first in the table.
            _body.ExceptionHandlers.Insert(0, new ExceptionHandler(ExceptionHandlerType.Catch)
            {
                CatchType = _method.Module.TypeSystem.Object,
                TryStart = tryStart,
                TryEnd = catchStart,
                HandlerStart = catchStart,
                HandlerEnd = after,
            });
        }

        il.Add(after);
        il.Add(Instruction.Create(OpCodes.Brfalse, done));
        il.Add(Instruction.Create(OpCodes.Ldsfld, _scope));
        il.Add(Instruction.Create(OpCodes.Call, References.Current));
        il.Add(Instruction.Create(OpCodes.Stloc, instance));
        il.Add(Instruction.Create(OpCodes.Ldloc, instance));
        il.Add(Instruction.Create(OpCodes.Brfalse, done));
        if (shape != TaskShape.None && result is not null)
        {
            _emitter.Completion(il, _body, result, shape, instance, start, events, Argument, exits: false, done);
        }
        else
        {
            var end = new VariableDefinition(types.Int64);
            _body.Variables.Add(end);
            il.Add(Instruction.Create(OpCodes.Call, References.Start));
            il.Add(Instruction.Create(OpCodes.Stloc, end));
            ValueSource? value = result is null || returnType.IsByReference ? null : new ValueSource(returnType, Instruction.Create(OpCodes.Ldloc, result));
            _emitter.Events(il, events, instance, start, end, () => Instruction.Create(OpCodes.Ldc_I4_1), Argument, value, null);
        }

        il.Add(done);
        // A local passed by reference may have been written by the call: its change follows the call's event.
        foreach ((VariableDefinition variable, string name) in changed ?? [])
        {
            Change(il, name, new ValueSource(variable.VariableType, Instruction.Create(OpCodes.Ldloc, variable)), call);
        }

        // The call (or its prefix) becomes the first instruction of the block, so that branches to it still land right.
        Instruction first = il[0];
        anchor.OpCode = first.OpCode;
        anchor.Operand = first.Operand;
        RetargetBranches(il, first, anchor);
        il.RemoveAt(0);
        if (prefix is not null)
        {
            _body.GetILProcessor().Remove(call);
        }

        InsertAfter(anchor, il);
    }

    // A change's event: the clock read once, the new value captured, one event per specification observing the variable.
    private void Change(List<Instruction> il, string name, ValueSource value, Instruction at)
    {
        var types = _method.Module.TypeSystem;
        SequencePoint? where = SequencePointOf(at);
        VariableDefinition instance = Instance();
        var time = new VariableDefinition(types.Int64);
        _body.Variables.Add(time);
        Instruction skip = Instruction.Create(OpCodes.Nop);
        il.Add(Instruction.Create(OpCodes.Ldsfld, _isEnabled));
        il.Add(Instruction.Create(OpCodes.Brfalse, skip));
        il.Add(Instruction.Create(OpCodes.Ldsfld, _scope));
        il.Add(Instruction.Create(OpCodes.Call, References.Current));
        il.Add(Instruction.Create(OpCodes.Stloc, instance));
        il.Add(Instruction.Create(OpCodes.Ldloc, instance));
        il.Add(Instruction.Create(OpCodes.Brfalse, skip));
        il.Add(Instruction.Create(OpCodes.Call, References.Start));
        il.Add(Instruction.Create(OpCodes.Stloc, time));
        var events = _changes[name]
            .Select(c => new PointEvent(
                _registrations.AddPoint(References.RegisterPoint, c.Specification.Key, 2, null, null, name, string.Join(",", c.Variable.Captures.Select(x => x.Text)), where, _caller),
                c.Variable.Captures))
            .ToList();
        _emitter.Events(il, events, instance, time, time, () => Instruction.Create(OpCodes.Ldc_I4_1), capture => capture.IsValue ? value : null, null, null);
        il.Add(skip);
    }

    // ldloca of an observed local, passed to a call that takes a parameter by reference (out, ref): the variable
    // may be written by the callee, so its change is recorded after that call.
    private Dictionary<Instruction, List<(VariableDefinition, string)>> ByReferenceArguments()
    {
        var found = new Dictionary<Instruction, List<(VariableDefinition, string)>>();
        foreach (Instruction instruction in _body.Instructions)
        {
            if (instruction.OpCode.Code != Code.Ldloca || instruction.Operand is not VariableDefinition local
                || !_localNames.TryGetValue(local, out string? name) || !_changes.ContainsKey(name))
            {
                continue;
            }

            for (Instruction? next = instruction.Next; next is not null; next = next.Next)
            {
                if (next.OpCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch or FlowControl.Return or FlowControl.Throw)
                {
                    break;
                }

                if (next.OpCode.Code is Code.Call or Code.Callvirt or Code.Newobj && next.Operand is MethodReference called)
                {
                    if (next.OpCode.Code != Code.Newobj && called.Parameters.Any(p => p.ParameterType.IsByReference))
                    {
                        if (!found.TryGetValue(next, out var list))
                        {
                            found.Add(next, list = []);
                        }

                        list.Add((local, name));
                    }

                    break;
                }
            }
        }

        return found;
    }

    // The receiver as the call takes it: by reference for a value type or a constrained call, the declaring type otherwise.
    private TypeReference ReceiverType(MethodReference target, Instruction? prefix)
    {
        if (prefix?.Operand is TypeReference constrained)
        {
            return new ByReferenceType(constrained);
        }

        TypeReference declaring = target.DeclaringType;
        return declaring.IsValueType || declaring.Resolve()?.IsValueType == true ? new ByReferenceType(declaring) : declaring;
    }

    private VariableDefinition Instance()
    {
        if (_instance is null)
        {
            _instance = new VariableDefinition(References.ScopeInstance);
            _body.Variables.Add(_instance);
        }

        return _instance;
    }

    // A field written in the body under the name a specification observes: a field of the scoped method's type (or
    // a generic instance of it), a local hoisted into an async state machine ("<name>5__2"), or a local captured by
    // a lambda (a field of the closure class, under its own name).
    private string? VariableNameOf(FieldReference field)
    {
        TypeReference owner = field.DeclaringType.GetElementType();
        string name = field.Name;
        if (name.StartsWith("<", System.StringComparison.Ordinal))
        {
            int close = name.IndexOf('>');
            return close > 1 && owner.Resolve() is { } machine && machine.DeclaringType == _scopeType ? name.Substring(1, close - 1) : null;
        }

        TypeDefinition? type = owner.Resolve();
        return type is not null && (type == _scopeType || (type.DeclaringType == _scopeType && type.Name.StartsWith("<", System.StringComparison.Ordinal))) ? name : null;
    }

    private static TypeReference ResolveFieldType(FieldReference field)
    {
        var declaring = (GenericInstanceType)field.DeclaringType;
        return field.FieldType is GenericParameter { Type: GenericParameterType.Type } parameter && parameter.Position < declaring.GenericArguments.Count
            ? declaring.GenericArguments[parameter.Position]
            : field.FieldType;
    }

    private static string? KeyOf(MethodReference target)
    {
        MethodDefinition? definition;
        try
        {
            definition = target.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }

        if (definition is null)
        {
            return null;
        }

        return DocumentationId.Of(definition);
    }

    private SequencePoint? SequencePointOf(Instruction instruction)
    {
        SequencePoint? found = null;
        foreach (SequencePoint point in _method.DebugInformation.SequencePoints)
        {
            if (point.IsHidden)
            {
                continue;
            }

            if (point.Offset <= instruction.Offset && (found is null || point.Offset >= found.Offset))
            {
                found = point;
            }
        }

        return found ?? _method.DebugInformation.SequencePoints.FirstOrDefault(p => !p.IsHidden);
    }

    private void CollectLocalNames(ScopeDebugInformation? scope)
    {
        if (scope is null)
        {
            return;
        }

        foreach (VariableDebugInformation variable in scope.Variables)
        {
            if (!variable.IsDebuggerHidden && variable.Index < _body.Variables.Count)
            {
                _localNames[_body.Variables[variable.Index]] = variable.Name;
            }
        }

        foreach (ScopeDebugInformation inner in scope.Scopes)
        {
            CollectLocalNames(inner);
        }
    }

    private void InsertAfter(Instruction after, List<Instruction> il)
    {
        ILProcessor processor = _body.GetILProcessor();
        Instruction previous = after;
        foreach (Instruction next in il)
        {
            processor.InsertAfter(previous, next);
            previous = next;
        }
    }

    private static void RetargetBranches(List<Instruction> il, Instruction from, Instruction to)
    {
        foreach (Instruction instruction in il)
        {
            if (instruction.Operand == from)
            {
                instruction.Operand = to;
            }
        }
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out List<T>? list))
        {
            map.Add(key, list = []);
        }

        list.Add(value);
    }
}
