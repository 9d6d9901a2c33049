using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Vypr.Fody.Reading;

/// <summary>Finds where a method is in source from its PDB: the first visible sequence point of its body.</summary>
internal static class SourceLocator
{
    public static SequencePoint? Find(MethodDefinition method)
    {
        // An async method or an iterator keeps its statements in its state machine's MoveNext; its own body is a stub
        // without sequence points.
        MethodDefinition? machine = StateMachineMoveNext(method);
        if (machine is not null && First(machine) is { } inMachine)
        {
            return inMachine;
        }

        if (!method.HasBody)
        {
            return null;
        }

        if (method.IsConstructor && !method.IsStatic)
        {
            // A constructor starts with its fields' initializers, which point at the fields: skip to the body, which
            // begins at the base or this constructor call.
            Instruction? baseCall = method.Body.Instructions.FirstOrDefault(i => i.OpCode == OpCodes.Call && i.Operand is MethodReference { Name: ".ctor" } callee
                && (callee.DeclaringType.FullName == method.DeclaringType.BaseType?.FullName || callee.DeclaringType.FullName == method.DeclaringType.FullName));
            // The sequence point covering that call is the constructor's declaration (or its ': base(...)').
            SequencePoint? atBase = baseCall is null ? null : method.DebugInformation.SequencePoints
                .Where(p => !p.IsHidden && p.Offset <= baseCall.Offset)
                .OrderByDescending(p => p.Offset)
                .FirstOrDefault();
            if (atBase is not null)
            {
                return atBase;
            }
        }

        return First(method);
    }

    public static MethodDefinition? StateMachineMoveNext(MethodDefinition method)
    {
        CustomAttribute? attribute = method.CustomAttributes.FirstOrDefault(a =>
            a.AttributeType.Namespace == "System.Runtime.CompilerServices" && a.AttributeType.Name.EndsWith("StateMachineAttribute", System.StringComparison.Ordinal));
        return attribute?.ConstructorArguments.FirstOrDefault().Value is TypeReference type
            ? type.Resolve()?.Methods.FirstOrDefault(m => m.Name == "MoveNext")
            : null;
    }

    private static SequencePoint? First(MethodDefinition method) =>
        method.DebugInformation.HasSequencePoints
            ? method.DebugInformation.SequencePoints.Where(p => !p.IsHidden).OrderBy(p => p.Offset).FirstOrDefault()
            : null;
}
