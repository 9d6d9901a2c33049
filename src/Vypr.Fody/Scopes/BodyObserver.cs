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
    private readonly SpecificationReader.Problem _report;
    private readonly Dictionary<string, List<(ScopeSpecification Specification, ObservedCall Call)>> _calls = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, List<(ScopeSpecification Specification, ObservedVariable Variable)>> _changes = new(System.StringComparer.Ordinal);
    private readonly Dictionary<VariableDefinition, string> _localNames = new();
    private VariableDefinition? _instance;
    private VariableDefinition? _flight;
    private readonly HashSet<string> _written = new(System.StringComparer.Ordinal);
    private Dictionary<Instruction, int> _depths = new();

    public BodyObserver(
        EventEmitter emitter, FieldReference isEnabled, RegistrationEmitter registrations, MethodDefinition method, FieldReference scope,
        string caller, TypeDefinition scopeType, IEnumerable<ScopeSpecification> specifications, SpecificationReader.Problem report)
    {
        _report = report;
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
        Dictionary<Instruction, GuardedExpression> guards = GuardedExpressions();
        HashSet<Instruction> clears = HoistedLocalClears();
        foreach (Instruction instruction in _body.Instructions.ToList())
        {
            if (instruction.OpCode.Code is not (Code.Call or Code.Callvirt) && byReference.TryGetValue(instruction, out var written))
            {
                // A store through the address of an observed local (a ref local, an initobj): its change follows.
                ChangesAfter(instruction, written);
                woven++;
                continue;
            }

            switch (instruction.OpCode.Code)
            {
                case Code.Call or Code.Callvirt when instruction.Operand is MethodReference target:
                    List<(VariableDefinition, string)>? changed = byReference.TryGetValue(instruction, out var list) ? list : null;
                    if (KeyOf(target) is { } key && _calls.TryGetValue(key, out var observed))
                    {
                        WeaveCall(instruction, target, observed, changed, guards.TryGetValue(instruction, out GuardedExpression? guard) ? guard : null);
                        woven++;
                    }
                    else if (changed is not null)
                    {
                        ChangesAfter(instruction, changed);
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

                case Code.Stfld or Code.Stsfld when instruction.Operand is FieldReference field && VariableNameOf(field) is { } fieldName && _changes.ContainsKey(fieldName) && !clears.Contains(instruction):
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

        foreach (GuardedExpression guard in guards.Values.Distinct())
        {
            Guard(guard);
        }

        ReportVanishedVariables();
        _body.OptimizeMacros();
        return woven;
    }

    // The compiler's own writes of null into a hoisted local ("<name>5__2") when the state machine finishes or fails
    // (so the finished machine holds no references): "ldarg.0; ldnull; stfld" under a hidden sequence point, written
    // by no statement of the method. The program never wrote them, so they are no changes; a statement "u = null;"
    // has a sequence point of its own and stays one. Without debug information the two cannot be told apart, and
    // every write counts.
    private HashSet<Instruction> HoistedLocalClears()
    {
        var clears = new HashSet<Instruction>();
        SequencePoint[] points = _method.DebugInformation.SequencePoints.OrderBy(p => p.Offset).ToArray();
        if (points.Length == 0)
        {
            return clears;
        }

        foreach (Instruction instruction in _body.Instructions)
        {
            if (instruction.OpCode.Code == Code.Stfld
                && instruction.Operand is FieldReference field
                && field.Name.StartsWith("<", System.StringComparison.Ordinal)
                && field.Name.Contains(">5__")
                && instruction.Previous is { OpCode.Code: Code.Ldnull } value
                && value.Previous is { } owner
                && points.LastOrDefault(p => p.Offset <= owner.Offset) is { IsHidden: true })
            {
                clears.Add(instruction);
            }
        }

        return clears;
    }

    // A variable observed by name that the compiled body neither writes nor declares: a Release build keeps a local
    // whose value is used only where it is written (read once, or twice through a dup) on the evaluation stack (no
    // slot, no name in the PDB), so nothing can observe its changes in IL. Said at build time, not left as a
    // specification without verdicts.
    private void ReportVanishedVariables()
    {
        var known = new HashSet<string>(_localNames.Values, System.StringComparer.Ordinal);
        known.UnionWith(_method.Parameters.Select(p => p.Name));
        known.UnionWith(_scopeType.Fields.Select(f => f.Name));
        known.UnionWith(_scopeType.NestedTypes.SelectMany(t => t.Fields).Select(f => VariableNameOf(f) ?? f.Name));
        foreach (KeyValuePair<string, List<(ScopeSpecification Specification, ObservedVariable Variable)>> change in _changes)
        {
            if (_written.Contains(change.Key) || known.Contains(change.Key))
            {
                continue;
            }

            _report(
                $"Vypr: {string.Join(", ", change.Value.Select(c => c.Specification.Key).Distinct())} observe(s) the changes of '{change.Key}' in {_caller}, whose compiled code has no such variable, so no change of it is recorded: a Release build keeps a local whose value is used only right where it is written (read once, or duplicated on the stack) on the evaluation stack, with no slot and no name (and a build without debug information names no local). Observe the value where it is used (a call's argument or result), or build the scoped method's assembly without optimization",
                _method.DebugInformation.SequencePoints.FirstOrDefault(p => !p.IsHidden),
                false);
        }
    }

    // Observed calls made with other values on the stack (in the middle of an expression), each with the range its
    // exception path is woven around: a call whose arguments are all the stack holds gets a try of its own instead.
    private Dictionary<Instruction, GuardedExpression> GuardedExpressions()
    {
        var guards = new Dictionary<Instruction, GuardedExpression>();
        var taken = new List<(int Start, int End, GuardedExpression Guard)>();
        var index = new Dictionary<Instruction, int>();
        for (int i = 0; i < _body.Instructions.Count; i++)
        {
            index[_body.Instructions[i]] = i;
        }

        foreach (Instruction call in _body.Instructions)
        {
            if (call.OpCode.Code is not (Code.Call or Code.Callvirt) || call.Operand is not MethodReference target
                || KeyOf(target) is not { } key || !_calls.ContainsKey(key))
            {
                continue;
            }

            Instruction? prefix = call.Previous is { OpCode.OpCodeType: OpCodeType.Prefix } p ? p : null;
            Instruction anchor = prefix ?? call;
            if (IsGuarded(target, prefix, anchor) || prefix?.OpCode.Code == Code.Tail || !_depths.ContainsKey(anchor))
            {
                continue;
            }

            ExpressionRange? range = InFilter(anchor) ? null : ExpressionRange.Around(_body, _depths, anchor);
            int start = range is null ? 0 : index[range.Start];
            int end = range?.End is null ? _body.Instructions.Count : index[range.End];
            (int Start, int End, GuardedExpression Guard) same = taken.FirstOrDefault(t => t.Start == start && t.End == end);
            if (range is null || (same.Guard is null && taken.Any(t => t.Start < end && start < t.End)))
            {
                _report(
                    $"Vypr: the call of {target.DeclaringType.FullName}.{target.Name} in {_caller} is made where woven code cannot catch its exception, so if it throws its event is not recorded",
                    SequencePointOf(call),
                    false);
                continue;
            }

            GuardedExpression guard = same.Guard ?? new GuardedExpression(range);
            if (same.Guard is null)
            {
                taken.Add((start, end, guard));
            }

            guards.Add(call, guard);
        }

        return guards;
    }

    // The try around an expression range: its catch records the call in flight (if any) as one that threw, and rethrows.
    // A return inside the range leaves the try for a return placed after the catch.
    private void Guard(GuardedExpression guard)
    {
        var types = _method.Module.TypeSystem;
        Instruction? end = guard.Range.End;
        var inside = new List<Instruction>();
        for (Instruction? instruction = guard.Range.Start; instruction is not null && instruction != end; instruction = instruction.Next)
        {
            inside.Add(instruction);
        }

        ILProcessor processor = _body.GetILProcessor();
        Instruction? exit = end is null ? null : Instruction.Create(OpCodes.Leave, end);
        var returning = new List<Instruction>();
        VariableDefinition? returned = null;
        foreach (Instruction ret in inside.Where(i => i.OpCode.Code == Code.Ret).ToList())
        {
            if (returning.Count == 0)
            {
                if (_method.ReturnType.MetadataType != MetadataType.Void)
                {
                    returned = new VariableDefinition(_method.ReturnType);
                    _body.Variables.Add(returned);
                    returning.Add(Instruction.Create(OpCodes.Ldloc, returned));
                }

                returning.Add(Instruction.Create(OpCodes.Ret));
            }

            if (returned is null)
            {
                ret.OpCode = OpCodes.Leave;
                ret.Operand = returning[0];
            }
            else
            {
                ret.OpCode = OpCodes.Stloc;
                ret.Operand = returned;
                processor.InsertAfter(ret, Instruction.Create(OpCodes.Leave, returning[0]));
            }
        }

        // A branch to the instruction after the range leaves the try instead.
        foreach (Instruction instruction in inside.Where(i => i.OpCode.Code is not (Code.Leave or Code.Leave_S)))
        {
            if (instruction.Operand == end && end is not null && instruction.OpCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch)
            {
                instruction.Operand = exit;
            }
            else if (instruction.Operand is Instruction[] targets && end is not null)
            {
                instruction.Operand = targets.Select(t => t == end ? exit : t).ToArray();
            }
        }

        VariableDefinition instance = Instance();
        var time = new VariableDefinition(types.Int64);
        _body.Variables.Add(time);
        Instruction catchStart = Instruction.Create(OpCodes.Pop);
        Instruction reset = Instruction.Create(OpCodes.Ldc_I4_0);
        Instruction rethrow = Instruction.Create(OpCodes.Rethrow);
        var il = new List<Instruction>();
        if (exit is not null)
        {
            il.Add(exit);
        }

        il.Add(catchStart);
        il.Add(Instruction.Create(OpCodes.Ldsfld, _isEnabled));
        il.Add(Instruction.Create(OpCodes.Brfalse, rethrow));
        foreach ((int flight, IReadOnlyList<PointEvent> events, VariableDefinition start, System.Func<Capture, ValueSource?> argument) in guard.Calls)
        {
            Instruction next = Instruction.Create(OpCodes.Nop);
            il.Add(Instruction.Create(OpCodes.Ldloc, Flight()));
            il.Add(Instruction.Create(OpCodes.Ldc_I4, flight));
            il.Add(Instruction.Create(OpCodes.Bne_Un, next));
            CurrentInvocation(il, instance, reset);
            il.Add(Instruction.Create(OpCodes.Call, References.Start));
            il.Add(Instruction.Create(OpCodes.Stloc, time));
            _emitter.Events(il, events, instance, start, time, () => Instruction.Create(OpCodes.Ldc_I4_0), argument, null, null);
            il.Add(Instruction.Create(OpCodes.Br, reset));
            il.Add(next);
        }

        il.Add(reset);
        il.Add(Instruction.Create(OpCodes.Stloc, Flight()));
        il.Add(rethrow);
        il.AddRange(returning);
        foreach (Instruction instruction in il)
        {
            if (end is null)
            {
                processor.Append(instruction);
            }
            else
            {
                processor.InsertBefore(end, instruction);
            }
        }

        var handler = new ExceptionHandler(ExceptionHandlerType.Catch)
        {
            CatchType = types.Object,
            TryStart = guard.Range.Start,
            TryEnd = catchStart,
            HandlerStart = catchStart,
            HandlerEnd = returning.Count > 0 ? returning[0] : end,
        };

        // Inside every handler whose regions hold it: inner handlers come first in the table.
        var index = new Dictionary<Instruction, int>();
        for (int i = 0; i < _body.Instructions.Count; i++)
        {
            index[_body.Instructions[i]] = i;
        }

        int At(Instruction? instruction) => instruction is null ? _body.Instructions.Count : index[instruction];
        int first = At(guard.Range.Start);
        bool Holds(Instruction? from, Instruction? to) => from is not null && At(from) <= first && first < At(to);
        int position = _body.ExceptionHandlers.ToList().FindIndex(h =>
            Holds(h.TryStart, h.TryEnd) || Holds(h.HandlerStart, h.HandlerEnd) || Holds(h.FilterStart, h.HandlerStart));
        _body.ExceptionHandlers.Insert(position < 0 ? _body.ExceptionHandlers.Count : position, handler);
    }

    private bool IsGuarded(MethodReference target, Instruction? prefix, Instruction anchor)
    {
        int onStack = target.Parameters.Count + (target.HasThis && !target.ExplicitThis ? 1 : 0);
        return prefix?.OpCode.Code != Code.Tail
            && _depths.TryGetValue(anchor, out int depth) && depth == onStack
            && !InFilter(anchor);
    }

    private bool InFilter(Instruction anchor) =>
        _body.ExceptionHandlers.Any(h => h.FilterStart is not null && h.FilterStart.Offset <= anchor.Offset && anchor.Offset < h.HandlerStart.Offset);

    private VariableDefinition Flight()
    {
        if (_flight is null)
        {
            _flight = new VariableDefinition(_method.Module.TypeSystem.Int32);
            _body.Variables.Add(_flight);
        }

        return _flight;
    }

    // A call's event, with its arguments spilled into locals first when the event captures them.
    private void WeaveCall(
        Instruction call, MethodReference target, List<(ScopeSpecification Specification, ObservedCall Call)> observed, List<(VariableDefinition, string)>? changed,
        GuardedExpression? guard)
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
        // Elsewhere, in the middle of an expression, the try is around the expression's range (GuardedExpression).
        int onStack = target.Parameters.Count + (target.HasThis && !target.ExplicitThis ? 1 : 0);
        bool guarded = IsGuarded(target, prefix, anchor);
        int flight = guarded || guard is null ? 0 : guard.Calls.Count + 1;
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
        if (flight > 0)
        {
            il.Add(Instruction.Create(OpCodes.Ldc_I4, flight));
            il.Add(Instruction.Create(OpCodes.Stloc, Flight()));
        }

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
            CurrentInvocation(il, instance, rethrow);
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
        if (flight > 0)
        {
            // Returned: no longer in flight, whatever the expression does next.
            il.Add(Instruction.Create(OpCodes.Ldc_I4_0));
            il.Add(Instruction.Create(OpCodes.Stloc, Flight()));
            guard!.Calls.Add((flight, events, start, Argument));
        }

        CurrentInvocation(il, instance, done);
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
        _written.Add(name);
        var types = _method.Module.TypeSystem;
        SequencePoint? where = SequencePointOf(at);
        VariableDefinition instance = Instance();
        var time = new VariableDefinition(types.Int64);
        _body.Variables.Add(time);
        Instruction skip = Instruction.Create(OpCodes.Nop);
        il.Add(Instruction.Create(OpCodes.Ldsfld, _isEnabled));
        il.Add(Instruction.Create(OpCodes.Brfalse, skip));
        CurrentInvocation(il, instance, skip);
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

    // The address of an observed local (ldloca, or a ref local holding it) and the instruction that consumes that
    // address, found by the stack depths: a call that takes it as an out or ref parameter, or a store through it
    // (stind, stobj, initobj, cpobj). The local may be written there, so its change is recorded right after. An
    // address stored in a ref local (ref int r = ref x) makes every load of that ref local an address of x too.
    private Dictionary<Instruction, List<(VariableDefinition, string)>> ByReferenceArguments()
    {
        var found = new Dictionary<Instruction, List<(VariableDefinition, string)>>();
        var work = new Queue<(Instruction Source, VariableDefinition Local, string Name)>();
        foreach (Instruction instruction in _body.Instructions)
        {
            if (instruction.OpCode.Code == Code.Ldloca && instruction.Operand is VariableDefinition local
                && _localNames.TryGetValue(local, out string? name) && _changes.ContainsKey(name))
            {
                work.Enqueue((instruction, local, name));
            }
        }

        var aliases = new HashSet<VariableDefinition>();
        while (work.Count > 0)
        {
            (Instruction source, VariableDefinition local, string name) = work.Dequeue();
            if (ConsumerOf(source) is not (Instruction consumer, int operand))
            {
                continue;
            }

            if (consumer.OpCode.Code == Code.Stloc && consumer.Operand is VariableDefinition { VariableType.IsByReference: true } alias)
            {
                if (aliases.Add(alias))
                {
                    foreach (Instruction load in _body.Instructions.Where(i => i.OpCode.Code == Code.Ldloc && i.Operand == alias))
                    {
                        work.Enqueue((load, local, name));
                    }
                }

                continue;
            }

            if (WritesThrough(consumer, operand))
            {
                if (!found.TryGetValue(consumer, out var list))
                {
                    found.Add(consumer, list = []);
                }

                if (!list.Contains((local, name)))
                {
                    list.Add((local, name));
                }
            }
        }

        return found;
    }

    // The instruction that pops the value <paramref name="source"/> pushed, and which of its operands (0 the deepest)
    // the value is, following the instructions in order (Roslyn lays out an argument's conditional before its call).
    private (Instruction Consumer, int Operand)? ConsumerOf(Instruction source)
    {
        if (!_depths.TryGetValue(source, out int slot))
        {
            return null;
        }

        for (Instruction? next = source.Next; next is not null; next = next.Next)
        {
            if (!_depths.TryGetValue(next, out int before))
            {
                return null;
            }

            int pops = StackDepths.Pops(next, _method);
            if (before - pops <= slot)
            {
                return (next, slot - (before - pops));
            }

            if (next.OpCode.FlowControl is FlowControl.Return or FlowControl.Throw || next.OpCode.Code is Code.Leave or Code.Leave_S)
            {
                return null;
            }
        }

        return null;
    }

    // Whether the instruction may write through the address it takes as operand <paramref name="operand"/>.
    private static bool WritesThrough(Instruction consumer, int operand)
    {
        switch (consumer.OpCode.Code)
        {
            case Code.Stind_I or Code.Stind_I1 or Code.Stind_I2 or Code.Stind_I4 or Code.Stind_I8 or Code.Stind_R4 or Code.Stind_R8 or Code.Stind_Ref
                or Code.Stobj or Code.Cpobj:
                return operand == 0;
            case Code.Initobj:
                return true;
            case Code.Call or Code.Callvirt or Code.Newobj when consumer.Operand is MethodReference called:
                int parameter = operand - (consumer.OpCode.Code != Code.Newobj && called.HasThis && !called.ExplicitThis ? 1 : 0);
                // A struct's own method called on the local (its receiver) is not a write of a value a specification can read.
                return parameter >= 0 && parameter < called.Parameters.Count
                    && called.Parameters[parameter] is { ParameterType.IsByReference: true, IsIn: false };
            default:
                return false;
        }
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

    // The changes of observed locals that 'at' wrote through their addresses (an out or ref argument, a store through
    // a ref local), recorded right after it.
    private void ChangesAfter(Instruction at, List<(VariableDefinition Variable, string Name)> written)
    {
        var il = new List<Instruction>();
        foreach ((VariableDefinition variable, string name) in written)
        {
            Change(il, name, new ValueSource(variable.VariableType, Instruction.Create(OpCodes.Ldloc, variable)), at);
        }

        InsertAfter(at, il);
    }

    // The invocation of the scoped method that is current where the code runs, into 'instance'; none (the method was
    // called outside any invocation of its scope, e.g. directly by a test) branches to 'none', recording nothing.
    private void CurrentInvocation(List<Instruction> il, VariableDefinition instance, Instruction none)
    {
        il.Add(Instruction.Create(OpCodes.Ldsfld, _scope));
        il.Add(Instruction.Create(OpCodes.Call, References.Current));
        il.Add(Instruction.Create(OpCodes.Stloc, instance));
        il.Add(Instruction.Create(OpCodes.Ldloc, instance));
        il.Add(Instruction.Create(OpCodes.Brfalse, none));
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
