using System.Collections.Generic;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Vypr.Fody.Scopes;

/// <summary>Where a captured value is read from in woven code: the instructions that push it, and its type.</summary>
internal sealed class ValueSource
{
    private readonly Instruction[] _load;

    public ValueSource(TypeReference type, params Instruction[] load)
    {
        Type = type;
        _load = load;
    }

    public TypeReference Type { get; }

    /// <summary>Appends fresh copies of the loading instructions (an instruction belongs to one place in a body).</summary>
    public void Load(List<Instruction> il)
    {
        foreach (Instruction instruction in _load)
        {
            il.Add(instruction.Operand switch
            {
                null => Instruction.Create(instruction.OpCode),
                VariableDefinition variable => Instruction.Create(instruction.OpCode, variable),
                ParameterDefinition parameter => Instruction.Create(instruction.OpCode, parameter),
                FieldReference field => Instruction.Create(instruction.OpCode, field),
                MethodReference method => Instruction.Create(instruction.OpCode, method),
                _ => throw new System.InvalidOperationException("unexpected operand " + instruction.Operand),
            });
        }
    }
}
