using System;
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Vypr.Fody.Emit;

namespace Vypr.Fody.Scopes;

/// <summary>
/// Writes the instructions that record fluent-specification events, in the order an interceptor records them: each
/// event's captured values, then the event; for a task, in place when it has completed, otherwise through a
/// <c>PendingEvent</c> when it completes.
/// </summary>
internal sealed class EventEmitter
{
    private readonly ScopeReferences _references;

    public EventEmitter(ScopeReferences references)
    {
        _references = references;
    }

    public ScopeReferences References => _references;

    /// <summary>For each event: its captures, then <c>Probe.Event(point, instance, start, end, completed)</c>.</summary>
    public void Events(
        List<Instruction> il, IEnumerable<PointEvent> events, VariableDefinition instance, VariableDefinition start, VariableDefinition end,
        Func<Instruction> completed, Func<Capture, ValueSource?> source, ValueSource? result, VariableDefinition? resultValid)
    {
        foreach (PointEvent point in events)
        {
            foreach (Capture capture in point.Captures)
            {
                Capture(il, capture, source, result, resultValid);
            }

            il.Add(Instruction.Create(OpCodes.Ldsfld, point.Point));
            il.Add(Instruction.Create(OpCodes.Ldloc, instance));
            il.Add(Instruction.Create(OpCodes.Ldloc, start));
            il.Add(Instruction.Create(OpCodes.Ldloc, end));
            il.Add(completed());
            il.Add(Instruction.Create(OpCodes.Call, _references.Event));
        }
    }

    /// <summary>
    /// After a call that returned the task in <paramref name="task"/>: records <paramref name="events"/> (and, with
    /// <paramref name="exits"/>, the end of the invocation) now if the task has completed, otherwise when it does,
    /// leaving in <paramref name="task"/> what the caller must receive. Ends by branching to <paramref name="done"/>.
    /// </summary>
    public void Completion(
        List<Instruction> il, MethodBody body, VariableDefinition task, TaskShape shape, VariableDefinition instance, VariableDefinition start,
        IReadOnlyList<PointEvent> events, Func<Capture, ValueSource?> source, bool exits, Instruction done)
    {
        var end = new VariableDefinition(body.Method.Module.TypeSystem.Int64);
        var ok = new VariableDefinition(body.Method.Module.TypeSystem.Boolean);
        body.Variables.Add(end);
        body.Variables.Add(ok);
        TypeReference? resultType = task.VariableType is GenericInstanceType generic ? generic.GenericArguments[0] : null;
        Instruction pending = Instruction.Create(OpCodes.Ldloc, instance);

        LoadTask(il, task, shape);
        il.Add(Instruction.Create(shape == TaskShape.ValueTask || shape == TaskShape.ValueTaskOfT ? OpCodes.Call : OpCodes.Callvirt, IsCompleted(task, shape, successfully: false)));
        il.Add(Instruction.Create(OpCodes.Brfalse, pending));
        il.Add(Instruction.Create(OpCodes.Call, _references.Start));
        il.Add(Instruction.Create(OpCodes.Stloc, end));
        LoadTask(il, task, shape);
        il.Add(Instruction.Create(shape == TaskShape.ValueTask || shape == TaskShape.ValueTaskOfT ? OpCodes.Call : OpCodes.Callvirt, IsCompleted(task, shape, successfully: true)));
        il.Add(Instruction.Create(OpCodes.Stloc, ok));

        ValueSource? result = null;
        if (resultType is not null && events.Any(e => e.Captures.Any(c => c.IsResult)))
        {
            var value = new VariableDefinition(resultType);
            body.Variables.Add(value);
            Instruction skip = Instruction.Create(OpCodes.Nop);
            var instanceType = (GenericInstanceType)task.VariableType;
            il.Add(Instruction.Create(OpCodes.Ldloc, ok));
            il.Add(Instruction.Create(OpCodes.Brfalse, skip));
            LoadTask(il, task, shape);
            il.Add(Instruction.Create(shape == TaskShape.ValueTaskOfT ? OpCodes.Call : OpCodes.Callvirt, _references.MemberOf(instanceType, "get_Result")));
            il.Add(Instruction.Create(OpCodes.Stloc, value));
            if (shape == TaskShape.ValueTaskOfT)
            {
                // A value task may be consumed once: the result read is handed back in a new one.
                il.Add(Instruction.Create(OpCodes.Ldloc, value));
                il.Add(Instruction.Create(OpCodes.Newobj, _references.ValueTaskFromResult(instanceType)));
                il.Add(Instruction.Create(OpCodes.Stloc, task));
            }

            il.Add(skip);
            result = new ValueSource(resultType, Instruction.Create(OpCodes.Ldloc, value));
        }

        Events(il, events, instance, start, end, () => Instruction.Create(OpCodes.Ldloc, ok), source, result, ok);
        if (exits)
        {
            il.Add(Instruction.Create(OpCodes.Ldloc, instance));
            il.Add(Instruction.Create(OpCodes.Ldloc, end));
            il.Add(Instruction.Create(OpCodes.Call, _references.ExitedAt));
        }

        il.Add(Instruction.Create(OpCodes.Br, done));

        il.Add(pending);
        il.Add(Instruction.Create(OpCodes.Ldloc, start));
        il.Add(Instruction.Create(OpCodes.Call, _references.Begin));
        foreach (PointEvent point in events)
        {
            foreach (Capture capture in point.Captures)
            {
                ValueSource? value = capture.IsResult ? null : Capturable(source(capture));
                if (capture.IsResult && resultType is not null && Capturable(resultType))
                {
                    il.Add(Instruction.Create(capture.Length ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0));
                    il.Add(Instruction.Create(OpCodes.Callvirt, _references.PendingResult));
                }
                else if (value is null)
                {
                    il.Add(Instruction.Create(OpCodes.Callvirt, _references.PendingMissing));
                }
                else
                {
                    value.Load(il);
                    il.Add(Instruction.Create(OpCodes.Callvirt, _references.Generic(capture.Length ? _references.PendingLength : _references.PendingValue, value.Type)));
                }
            }

            il.Add(Instruction.Create(OpCodes.Ldsfld, point.Point));
            il.Add(Instruction.Create(OpCodes.Callvirt, _references.PendingEvent));
        }

        if (exits)
        {
            il.Add(Instruction.Create(OpCodes.Callvirt, _references.PendingExitScope));
        }

        il.Add(Instruction.Create(OpCodes.Ldloc, task));
        il.Add(Instruction.Create(OpCodes.Callvirt, shape switch
        {
            TaskShape.Task => _references.WhenTask,
            TaskShape.ValueTask => _references.WhenValueTask,
            TaskShape.TaskOfT => _references.Generic(_references.WhenTaskOfT, resultType!),
            _ => _references.Generic(_references.WhenValueTaskOfT, resultType!),
        }));
        il.Add(Instruction.Create(OpCodes.Stloc, task));
        il.Add(Instruction.Create(OpCodes.Br, done));
    }

    private void Capture(List<Instruction> il, Capture capture, Func<Capture, ValueSource?> source, ValueSource? result, VariableDefinition? resultValid)
    {
        ValueSource? value = Capturable(capture.IsResult ? result : source(capture));
        if (value is null)
        {
            il.Add(Instruction.Create(OpCodes.Call, _references.Missing));
            return;
        }

        MethodReference write = _references.Generic(capture.Length ? _references.Length : _references.Value, value.Type);
        if (capture.IsResult && resultValid is not null)
        {
            // A call that threw, or a task that did not complete successfully, has no result.
            Instruction missing = Instruction.Create(OpCodes.Call, _references.Missing);
            Instruction next = Instruction.Create(OpCodes.Nop);
            il.Add(Instruction.Create(OpCodes.Ldloc, resultValid));
            il.Add(Instruction.Create(OpCodes.Brfalse, missing));
            value.Load(il);
            il.Add(Instruction.Create(OpCodes.Call, write));
            il.Add(Instruction.Create(OpCodes.Br, next));
            il.Add(missing);
            il.Add(next);
            return;
        }

        value.Load(il);
        il.Add(Instruction.Create(OpCodes.Call, write));
    }

    // A generic capture cannot take a reference, a pointer or a ref struct (a span): such a value is missing, as an
    // interceptor, which cannot pass one either, leaves it.
    private static ValueSource? Capturable(ValueSource? value) => value is not null && Capturable(value.Type) ? value : null;

    private static bool Capturable(TypeReference type) =>
        !type.IsByReference && !type.IsPointer && !type.IsFunctionPointer && !type.IsPinned
        && type.MetadataType != MetadataType.TypedByReference
        && !IsByRefLike(type);

    private static bool IsByRefLike(TypeReference type)
    {
        try
        {
            return type.Resolve()?.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.IsByRefLikeAttribute") == true;
        }
        catch (AssemblyResolutionException)
        {
            return false;
        }
    }

    private static void LoadTask(List<Instruction> il, VariableDefinition task, TaskShape shape) =>
        il.Add(Instruction.Create(shape == TaskShape.ValueTask || shape == TaskShape.ValueTaskOfT ? OpCodes.Ldloca : OpCodes.Ldloc, task));

    private MethodReference IsCompleted(VariableDefinition task, TaskShape shape, bool successfully)
    {
        string name = successfully ? "get_IsCompletedSuccessfully" : "get_IsCompleted";
        return shape switch
        {
            TaskShape.ValueTaskOfT => _references.MemberOf((GenericInstanceType)task.VariableType, name),
            TaskShape.ValueTask => successfully ? _references.ValueTaskIsCompletedSuccessfully : _references.ValueTaskIsCompleted,
            _ => successfully ? _references.TaskIsCompletedSuccessfully : _references.TaskIsCompleted,
        };
    }
}
