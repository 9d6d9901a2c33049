using System.Collections.Generic;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace Vypr.Fody.Emit;

/// <summary>
/// Rewrites a monitored method's body so that it times itself, with the same probe calls an interceptor makes around a
/// call site. A method that returns a value:
/// <code>
/// long start = 0; bool completed = false;
/// if (Probe.IsEnabled) start = Probe.Start();
/// try { ...original body, every return storing its value, setting completed and leaving... }
/// finally { if (Probe.IsEnabled) Probe.Stop(Site, start, completed); }
/// return result;
/// </code>
/// A method that returns a task (async or not) is timed until the task completes: a throw before the task exists is
/// recorded by a catch that rethrows, and the returned task is handed to <c>Probe.StopWhenComplete</c>, whose result is
/// returned. With monitoring off, every guard is a <see langword="static readonly"/> false that the JIT folds away,
/// leaving an empty finally that it removes.
/// </summary>
internal sealed class ProbeWeaver
{
    private readonly ModuleDefinition _module;
    private readonly RuntimeReferences _runtime;

    public ProbeWeaver(ModuleDefinition module, RuntimeReferences runtime)
    {
        _module = module;
        _runtime = runtime;
    }

    /// <summary>Rewrites <paramref name="method"/>; with a <paramref name="logger"/>, its calls are also handed to the user's MethodTimeLogger.</summary>
    public void Weave(MethodDefinition method, FieldReference site, MethodTimeLogger? logger = null, string? message = null)
    {
        MethodBody body = method.Body;
        body.SimplifyMacros();
        TaskShape shape = ProtectedBody.ShapeOf(method.ReturnType);
        bool returnsValue = method.ReturnType.MetadataType != MetadataType.Void;

        var start = new VariableDefinition(_module.TypeSystem.Int64);
        var completed = new VariableDefinition(_module.TypeSystem.Boolean);
        VariableDefinition? result = returnsValue ? new VariableDefinition(method.ReturnType) : null;
        body.Variables.Add(start);
        body.Variables.Add(completed);
        if (result is not null)
        {
            body.Variables.Add(result);
        }

        body.InitLocals = true;
        var frame = new ProtectedBody(body, shape, result, completed, () => Instruction.Create(OpCodes.Ldsfld, _runtime.IsEnabled));

        // Before the body: read the clock when monitoring is on (always, for a MethodTimeLogger).
        var entry = new List<Instruction>();
        if (logger is null)
        {
            entry.Add(Instruction.Create(OpCodes.Ldsfld, _runtime.IsEnabled));
            entry.Add(Instruction.Create(OpCodes.Brfalse, frame.First));
        }

        entry.Add(Instruction.Create(OpCodes.Call, _runtime.Start));
        entry.Add(Instruction.Create(OpCodes.Stloc, start));
        frame.Enter(entry);

        if (shape == TaskShape.None)
        {
            frame.Finally((il, endFinally) =>
            {
                Instruction afterStop = logger is null ? endFinally : Instruction.Create(OpCodes.Nop);
                il.Add(Instruction.Create(OpCodes.Brfalse, afterStop));
                il.Add(Instruction.Create(OpCodes.Ldsfld, site));
                il.Add(Instruction.Create(OpCodes.Ldloc, start));
                il.Add(Instruction.Create(OpCodes.Ldloc, completed));
                il.Add(Instruction.Create(OpCodes.Call, _runtime.Stop));
                if (logger is not null)
                {
                    il.Add(afterStop);
                    il.AddRange(logger.CallNow(method, start, message));
                }
            });
        }
        else
        {
            frame.Catch(
                // A throw before the task exists (a method that returns a task without being async) still gets its verdict.
                (il, rethrow) =>
                {
                    il.Add(Instruction.Create(OpCodes.Brfalse, rethrow));
                    il.Add(Instruction.Create(OpCodes.Ldsfld, site));
                    il.Add(Instruction.Create(OpCodes.Ldloc, start));
                    il.Add(Instruction.Create(OpCodes.Ldc_I4_0));
                    il.Add(Instruction.Create(OpCodes.Call, _runtime.Stop));
                },
                (il, done) =>
                {
                    Instruction[] logging = logger?.CallWhenComplete(method, start, result!, shape, message) ?? [];
                    il.Add(Instruction.Create(OpCodes.Brfalse, logging.Length > 0 ? logging[0] : done));
                    il.Add(Instruction.Create(OpCodes.Ldloc, result!));
                    il.Add(Instruction.Create(OpCodes.Ldsfld, site));
                    il.Add(Instruction.Create(OpCodes.Ldloc, start));
                    il.Add(Instruction.Create(OpCodes.Call, StopWhenComplete(shape, method.ReturnType)));
                    il.Add(Instruction.Create(OpCodes.Stloc, result!));
                    il.AddRange(logging);
                });
        }
    }

    private MethodReference StopWhenComplete(TaskShape shape, TypeReference returnType)
    {
        switch (shape)
        {
            case TaskShape.Task:
                return _runtime.StopTask;
            case TaskShape.ValueTask:
                return _runtime.StopValueTask;
            default:
                var generic = new GenericInstanceMethod(shape == TaskShape.TaskOfT ? _runtime.StopTaskOfT : _runtime.StopValueTaskOfT);
                generic.GenericArguments.Add(((GenericInstanceType)returnType).GenericArguments[0]);
                return generic;
        }
    }
}
