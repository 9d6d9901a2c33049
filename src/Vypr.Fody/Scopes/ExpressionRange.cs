using System.Collections.Generic;
using Mono.Cecil.Cil;

namespace Vypr.Fody.Scopes;

/// <summary>
/// The instructions of the expression statement around a call that is made with other values already on the
/// evaluation stack (<c>100 + Weigh(amount)</c>): a <c>try</c> cannot begin there, since a <c>try</c> begins with an
/// empty stack, so the call is protected by a <c>try</c> around its whole statement instead, from the nearest
/// instruction before it where the stack is empty to the next one after it. The range is one a <c>try</c> can hold:
/// no branch enters it except at its start, its branches stay inside it or end at its end, and it crosses no boundary
/// of an existing handler.
/// </summary>
internal sealed class ExpressionRange
{
    private ExpressionRange(Instruction start, Instruction? end)
    {
        Start = start;
        End = end;
    }

    /// <summary>The first instruction: the stack is empty before it.</summary>
    public Instruction Start { get; }

    /// <summary>The first instruction after the range (the stack is empty before it), or null at the end of the body.</summary>
    public Instruction? End { get; }

    /// <summary>The smallest range around <paramref name="call"/> that a <c>try</c> can hold, or null when there is none.</summary>
    public static ExpressionRange? Around(MethodBody body, IReadOnlyDictionary<Instruction, int> depths, Instruction call)
    {
        var instructions = new List<Instruction>(body.Instructions);
        var index = new Dictionary<Instruction, int>(instructions.Count);
        for (int i = 0; i < instructions.Count; i++)
        {
            index[instructions[i]] = i;
        }

        int at = index[call];
        for (int start = at; start >= 0; start--)
        {
            if (!depths.TryGetValue(instructions[start], out int depth) || depth != 0)
            {
                continue;
            }

            int? end = EndOf(instructions, index, depths, start, at);
            if (end is int found && Holds(body, instructions, index, start, found))
            {
                return new ExpressionRange(instructions[start], found < instructions.Count ? instructions[found] : null);
            }
        }

        return null;
    }

    // The first instruction after the call where the stack is empty and that every branch inside lands on or before.
    private static int? EndOf(List<Instruction> instructions, Dictionary<Instruction, int> index, IReadOnlyDictionary<Instruction, int> depths, int start, int call)
    {
        int end = call + 1;
        while (true)
        {
            while (end < instructions.Count && depths.TryGetValue(instructions[end], out int depth) && depth != 0)
            {
                end++;
            }

            int furthest = end;
            for (int i = start; i < end; i++)
            {
                foreach (Instruction target in Targets(instructions[i]))
                {
                    int landing = index[target];
                    if (landing < start)
                    {
                        return null;
                    }

                    furthest = System.Math.Max(furthest, landing);
                }
            }

            if (furthest == end)
            {
                return end;
            }

            end = furthest;
        }
    }

    // No branch from outside lands inside (after its start), and every handler's regions hold it whole or not at all.
    private static bool Holds(MethodBody body, List<Instruction> instructions, Dictionary<Instruction, int> index, int start, int end)
    {
        for (int i = 0; i < instructions.Count; i++)
        {
            if (i >= start && i < end)
            {
                continue;
            }

            foreach (Instruction target in Targets(instructions[i]))
            {
                int landing = index[target];
                if (landing > start && landing < end)
                {
                    return false;
                }
            }
        }

        int IndexOf(Instruction? instruction) => instruction is null ? instructions.Count : index[instruction];
        foreach (ExceptionHandler handler in body.ExceptionHandlers)
        {
            // A filter's code may not hold a try.
            int filter = handler.FilterStart is null ? -1 : IndexOf(handler.FilterStart);
            if (filter >= 0 && !(end <= filter || IndexOf(handler.HandlerStart) <= start))
            {
                return false;
            }

            if (!Separate(IndexOf(handler.TryStart), IndexOf(handler.TryEnd), start, end)
                || !Separate(IndexOf(handler.HandlerStart), IndexOf(handler.HandlerEnd), start, end))
            {
                return false;
            }
        }

        return true;
    }

    // A region [from, to) and the range [start, end): disjoint, or the range inside the region.
    private static bool Separate(int from, int to, int start, int end) => end <= from || to <= start || (from <= start && end <= to);

    // Where a branch may land; a leave may leave a try, so its target is no constraint on the range.
    private static IEnumerable<Instruction> Targets(Instruction instruction)
    {
        if (instruction.OpCode.Code is Code.Leave or Code.Leave_S)
        {
            yield break;
        }

        switch (instruction.Operand)
        {
            case Instruction target when instruction.OpCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch:
                yield return target;
                break;
            case Instruction[] targets:
                foreach (Instruction target in targets)
                {
                    yield return target;
                }

                break;
        }
    }
}
