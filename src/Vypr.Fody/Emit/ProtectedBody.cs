using System;
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace Vypr.Fody.Emit;

/// <summary>
/// A method's original body made the protected region of one handler, the frame both weavers share (the probe of a
/// <c>[MaxDuration]</c> method and the invocation of a scoped method):
/// <code>
/// ...entry...
/// try { ...original body, every return storing its value, setting completed and leaving... }
/// finally { guard; ...exit... }              // a method that returns no task
/// return result;
/// </code>
/// A method that returns a task has a catch instead, which records the throw before the task exists and rethrows, and
/// after it a completion that hands the task on; the frame returns the task the completion leaves in
/// <see cref="Result"/>. Every handler begins with the weaver's guard (monitoring on, an invocation begun), so that
/// each weaver writes only what happens behind it.
/// </summary>
internal sealed class ProtectedBody
{
    private readonly MethodBody _body;
    private readonly ILProcessor _il;
    private readonly Instruction _handlerStart;
    private readonly Instruction _afterTry;

    /// <summary>
    /// Redirects every return of <paramref name="body"/> to the end of the frame. <paramref name="result"/> receives the
    /// returned value (none for a void method); <paramref name="completed"/> is set on a return, for a method that
    /// returns no task; <paramref name="guard"/> makes the instruction every handler begins with.
    /// </summary>
    public ProtectedBody(MethodBody body, TaskShape shape, VariableDefinition? result, VariableDefinition completed, Func<Instruction> guard)
    {
        _body = body;
        Shape = shape;
        Result = result;
        _il = body.GetILProcessor();
        First = body.Instructions[0];
        _handlerStart = guard();
        _afterTry = shape == TaskShape.None
            ? (result is null ? Instruction.Create(OpCodes.Ret) : Instruction.Create(OpCodes.Ldloc, result))
            : guard();

        foreach (Instruction ret in body.Instructions.Where(i => i.OpCode == OpCodes.Ret).ToList())
        {
            // The return instruction becomes the first of its replacement, so branches to it still land right.
            ret.OpCode = result is null ? OpCodes.Nop : OpCodes.Stloc;
            ret.Operand = result;
            var replacement = new List<Instruction>();
            if (shape == TaskShape.None)
            {
                replacement.Add(Instruction.Create(OpCodes.Ldc_I4_1));
                replacement.Add(Instruction.Create(OpCodes.Stloc, completed));
            }

            replacement.Add(Instruction.Create(OpCodes.Leave, _afterTry));
            Instruction previous = ret;
            foreach (Instruction next in replacement)
            {
                _il.InsertAfter(previous, next);
                previous = next;
            }
        }

        // A handler that ran to the end of the original body ends where the added code begins.
        foreach (ExceptionHandler handler in body.ExceptionHandlers)
        {
            handler.TryEnd ??= _handlerStart;
            handler.HandlerEnd ??= _handlerStart;
        }
    }

    /// <summary>What the method returns, which decides the frame's handler.</summary>
    public TaskShape Shape { get; }

    /// <summary>The original body's first instruction: where the region begins, and where entry code that is skipped goes on.</summary>
    public Instruction First { get; }

    /// <summary>The variable that holds what the method returns (the task, for a method that returns one).</summary>
    public VariableDefinition? Result { get; }

    /// <summary>What a method returns, which decides when its call ends: on return, or when its task completes.</summary>
    public static TaskShape ShapeOf(TypeReference type) => type.IsByReference ? TaskShape.None : type.GetElementType().FullName switch
    {
        "System.Threading.Tasks.Task" => TaskShape.Task,
        "System.Threading.Tasks.Task`1" => TaskShape.TaskOfT,
        "System.Threading.Tasks.ValueTask" => TaskShape.ValueTask,
        "System.Threading.Tasks.ValueTask`1" => TaskShape.ValueTaskOfT,
        _ => TaskShape.None,
    };

    /// <summary>Puts <paramref name="entry"/> before the original body, outside the region.</summary>
    public void Enter(IEnumerable<Instruction> entry)
    {
        foreach (Instruction instruction in entry)
        {
            _il.InsertBefore(First, instruction);
        }
    }

    /// <summary>
    /// Ends a method that returns no task: the finally handler, its guard, then what <paramref name="exit"/> writes
    /// (given the handler's last instruction, where a false guard goes on), then the single return.
    /// </summary>
    public void Finally(Action<List<Instruction>, Instruction> exit)
    {
        Instruction endFinally = Instruction.Create(OpCodes.Endfinally);
        var handler = new List<Instruction> { _handlerStart };
        exit(handler, endFinally);
        handler.Add(endFinally);
        handler.Add(_afterTry);
        if (Result is not null)
        {
            handler.Add(Instruction.Create(OpCodes.Ret));
        }

        Close(handler, ExceptionHandlerType.Finally, _handlerStart);
    }

    /// <summary>
    /// Ends a method that returns a task: the catch handler, its guard, then what <paramref name="threw"/> writes (given
    /// the rethrow, where a false guard goes on); then the completion, its guard, and what
    /// <paramref name="completion"/> writes (given the return of <see cref="Result"/>, where a false guard goes on).
    /// </summary>
    public void Catch(Action<List<Instruction>, Instruction> threw, Action<List<Instruction>, Instruction> completion)
    {
        Instruction catchStart = Instruction.Create(OpCodes.Pop);
        Instruction rethrow = Instruction.Create(OpCodes.Rethrow);
        Instruction done = Instruction.Create(OpCodes.Ldloc, Result!);
        var handler = new List<Instruction> { catchStart, _handlerStart };
        threw(handler, rethrow);
        handler.Add(rethrow);
        handler.Add(_afterTry);
        completion(handler, done);
        handler.Add(done);
        handler.Add(Instruction.Create(OpCodes.Ret));
        Close(handler, ExceptionHandlerType.Catch, catchStart);
    }

    private void Close(List<Instruction> added, ExceptionHandlerType type, Instruction handlerStart)
    {
        added.ForEach(_il.Append);
        _body.ExceptionHandlers.Add(new ExceptionHandler(type)
        {
            CatchType = type == ExceptionHandlerType.Catch ? _body.Method.Module.TypeSystem.Object : null,
            TryStart = First,
            TryEnd = handlerStart,
            HandlerStart = handlerStart,
            HandlerEnd = _afterTry,
        });
        _body.OptimizeMacros();
    }
}
