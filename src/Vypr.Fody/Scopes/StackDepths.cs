using System.Collections.Generic;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Vypr.Fody.Scopes;

/// <summary>
/// How many values are on the evaluation stack before each instruction of a body, found by following its control flow
/// (IL requires one depth per instruction whatever the path). A call can be wrapped in its own <c>try</c> only where
/// the stack holds nothing but its arguments, which it consumes: a <c>try</c> must begin with an empty stack.
/// </summary>
internal static class StackDepths
{
    public static Dictionary<Instruction, int> Of(MethodBody body)
    {
        var depths = new Dictionary<Instruction, int>();
        var work = new Stack<(Instruction Start, int Depth)>();
        if (body.Instructions.Count > 0)
        {
            work.Push((body.Instructions[0], 0));
        }

        foreach (ExceptionHandler handler in body.ExceptionHandlers)
        {
            work.Push((handler.TryStart, 0));
            work.Push((handler.HandlerStart, handler.HandlerType is ExceptionHandlerType.Catch or ExceptionHandlerType.Filter ? 1 : 0));
            if (handler.FilterStart is not null)
            {
                work.Push((handler.FilterStart, 1));
            }
        }

        while (work.Count > 0)
        {
            (Instruction? instruction, int depth) = work.Pop();
            while (instruction is not null && !depths.ContainsKey(instruction))
            {
                depths.Add(instruction, depth);
                OpCode code = instruction.OpCode;
                if (code.Code is Code.Leave or Code.Leave_S)
                {
                    work.Push(((Instruction)instruction.Operand, 0));
                    break;
                }

                depth = depth - Pops(instruction, body.Method) + Pushes(instruction);
                switch (code.FlowControl)
                {
                    case FlowControl.Branch:
                        work.Push(((Instruction)instruction.Operand, depth));
                        instruction = null;
                        continue;
                    case FlowControl.Cond_Branch:
                        if (instruction.Operand is Instruction target)
                        {
                            work.Push((target, depth));
                        }
                        else if (instruction.Operand is Instruction[] targets)
                        {
                            foreach (Instruction each in targets)
                            {
                                work.Push((each, depth));
                            }
                        }

                        break;
                    case FlowControl.Return or FlowControl.Throw:
                        instruction = null;
                        continue;
                }

                instruction = instruction.Next;
            }
        }

        return depths;
    }

    public static int Pops(Instruction instruction, MethodDefinition method) => instruction.OpCode.StackBehaviourPop switch
    {
        StackBehaviour.Pop0 => 0,
        StackBehaviour.Pop1 or StackBehaviour.Popi or StackBehaviour.Popref => 1,
        StackBehaviour.Pop1_pop1 or StackBehaviour.Popi_pop1 or StackBehaviour.Popi_popi or StackBehaviour.Popi_popi8
            or StackBehaviour.Popi_popr4 or StackBehaviour.Popi_popr8 or StackBehaviour.Popref_pop1 or StackBehaviour.Popref_popi => 2,
        StackBehaviour.Popi_popi_popi or StackBehaviour.Popref_popi_popi or StackBehaviour.Popref_popi_popi8 or StackBehaviour.Popref_popi_popr4
            or StackBehaviour.Popref_popi_popr8 or StackBehaviour.Popref_popi_popref => 3,
        StackBehaviour.Varpop => instruction.Operand switch
        {
            MethodReference called when instruction.OpCode.Code == Code.Newobj => called.Parameters.Count,
            MethodReference called => called.Parameters.Count + (called.HasThis && !called.ExplicitThis ? 1 : 0),
            CallSite site => site.Parameters.Count + 1 + (site.HasThis ? 1 : 0),
            _ => method.ReturnType.MetadataType == MetadataType.Void ? 0 : 1,
        },
        _ => 0,
    };

    private static int Pushes(Instruction instruction) => instruction.OpCode.StackBehaviourPush switch
    {
        StackBehaviour.Push0 => 0,
        StackBehaviour.Push1_push1 => 2,
        StackBehaviour.Varpush => instruction.Operand switch
        {
            MethodReference when instruction.OpCode.Code == Code.Newobj => 1,
            MethodReference called => called.ReturnType.MetadataType == MetadataType.Void ? 0 : 1,
            CallSite site => site.ReturnType.MetadataType == MetadataType.Void ? 0 : 1,
            _ => 0,
        },
        _ => 1,
    };
}
