using System.Collections.Generic;
using System.Linq;
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
        TaskShape shape = TaskShapeOf(method.ReturnType);
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
        ILProcessor il = body.GetILProcessor();
        Instruction first = body.Instructions[0];
        List<Instruction> returns = body.Instructions.Where(i => i.OpCode == OpCodes.Ret).ToList();

        // Everything after the original body: the handler, then the single return.
        Instruction handlerStart = Instruction.Create(OpCodes.Ldsfld, _runtime.IsEnabled);
        Instruction afterTry = shape == TaskShape.None
            ? (result is null ? Instruction.Create(OpCodes.Ret) : Instruction.Create(OpCodes.Ldloc, result))
            : Instruction.Create(OpCodes.Ldsfld, _runtime.IsEnabled);

        foreach (Instruction ret in returns)
        {
            // The return instruction becomes the first of its replacement, so branches to it still land right.
            var replacement = new List<Instruction>();
            if (result is not null)
            {
                ret.OpCode = OpCodes.Stloc;
                ret.Operand = result;
            }
            else
            {
                ret.OpCode = OpCodes.Nop;
                ret.Operand = null;
            }

            if (shape == TaskShape.None)
            {
                replacement.Add(Instruction.Create(OpCodes.Ldc_I4_1));
                replacement.Add(Instruction.Create(OpCodes.Stloc, completed));
            }

            replacement.Add(Instruction.Create(OpCodes.Leave, afterTry));
            Instruction previous = ret;
            foreach (Instruction next in replacement)
            {
                il.InsertAfter(previous, next);
                previous = next;
            }
        }

        FixOpenEndedHandlers(body, handlerStart);

        // Before the body: read the clock when monitoring is on (always, for a MethodTimeLogger).
        if (logger is null)
        {
            il.InsertBefore(first, Instruction.Create(OpCodes.Ldsfld, _runtime.IsEnabled));
            il.InsertBefore(first, Instruction.Create(OpCodes.Brfalse, first));
        }

        il.InsertBefore(first, Instruction.Create(OpCodes.Call, _runtime.Start));
        il.InsertBefore(first, Instruction.Create(OpCodes.Stloc, start));

        if (shape == TaskShape.None)
        {
            Instruction endFinally = Instruction.Create(OpCodes.Endfinally);
            Instruction afterStop = logger is null ? endFinally : Instruction.Create(OpCodes.Nop);
            il.Append(handlerStart);
            il.Append(Instruction.Create(OpCodes.Brfalse, afterStop));
            il.Append(Instruction.Create(OpCodes.Ldsfld, site));
            il.Append(Instruction.Create(OpCodes.Ldloc, start));
            il.Append(Instruction.Create(OpCodes.Ldloc, completed));
            il.Append(Instruction.Create(OpCodes.Call, _runtime.Stop));
            if (logger is not null)
            {
                il.Append(afterStop);
                foreach (Instruction call in logger.CallNow(method, start, message))
                {
                    il.Append(call);
                }
            }

            il.Append(endFinally);
            il.Append(afterTry);
            if (result is not null)
            {
                il.Append(Instruction.Create(OpCodes.Ret));
            }

            body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Finally)
            {
                TryStart = first,
                TryEnd = handlerStart,
                HandlerStart = handlerStart,
                HandlerEnd = afterTry,
            });
        }
        else
        {
            // A throw before the task exists (a method that returns a task without being async) still gets its verdict.
            Instruction catchStart = Instruction.Create(OpCodes.Pop);
            Instruction rethrow = Instruction.Create(OpCodes.Rethrow);
            il.Append(catchStart);
            il.Append(handlerStart);
            il.Append(Instruction.Create(OpCodes.Brfalse, rethrow));
            il.Append(Instruction.Create(OpCodes.Ldsfld, site));
            il.Append(Instruction.Create(OpCodes.Ldloc, start));
            il.Append(Instruction.Create(OpCodes.Ldc_I4_0));
            il.Append(Instruction.Create(OpCodes.Call, _runtime.Stop));
            il.Append(rethrow);

            Instruction load = Instruction.Create(OpCodes.Ldloc, result!);
            Instruction[] logging = logger?.CallWhenComplete(method, start, result!, shape, message) ?? [];
            il.Append(afterTry);
            il.Append(Instruction.Create(OpCodes.Brfalse, logging.Length > 0 ? logging[0] : load));
            il.Append(Instruction.Create(OpCodes.Ldloc, result!));
            il.Append(Instruction.Create(OpCodes.Ldsfld, site));
            il.Append(Instruction.Create(OpCodes.Ldloc, start));
            il.Append(Instruction.Create(OpCodes.Call, StopWhenComplete(shape, method.ReturnType)));
            il.Append(Instruction.Create(OpCodes.Stloc, result!));
            foreach (Instruction call in logging)
            {
                il.Append(call);
            }

            il.Append(load);
            il.Append(Instruction.Create(OpCodes.Ret));

            body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Catch)
            {
                CatchType = _module.TypeSystem.Object,
                TryStart = first,
                TryEnd = catchStart,
                HandlerStart = catchStart,
                HandlerEnd = afterTry,
            });
        }

        body.OptimizeMacros();
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

    // A handler that ran to the end of the original body ends where the added code begins.
    private static void FixOpenEndedHandlers(MethodBody body, Instruction end)
    {
        foreach (ExceptionHandler handler in body.ExceptionHandlers)
        {
            handler.TryEnd ??= end;
            handler.HandlerEnd ??= end;
        }
    }

    private static TaskShape TaskShapeOf(TypeReference type) => type.IsByReference ? TaskShape.None : type.GetElementType().FullName switch
    {
        "System.Threading.Tasks.Task" => TaskShape.Task,
        "System.Threading.Tasks.Task`1" => TaskShape.TaskOfT,
        "System.Threading.Tasks.ValueTask" => TaskShape.ValueTask,
        "System.Threading.Tasks.ValueTask`1" => TaskShape.ValueTaskOfT,
        _ => TaskShape.None,
    };
}
