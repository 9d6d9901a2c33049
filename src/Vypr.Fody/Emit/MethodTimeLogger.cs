using System;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace Vypr.Fody.Emit;

/// <summary>
/// MethodTimer's convention, kept for projects that move to Vypr: a static class named <c>MethodTimeLogger</c> in the
/// woven assembly with <c>Log(MethodBase, TimeSpan, string)</c> or <c>Log(MethodBase, long, string)</c> receives the
/// duration of every call of a <c>[Time]</c> method (milliseconds for the <c>long</c> form), monitoring on or off.
/// </summary>
internal sealed class MethodTimeLogger
{
    private readonly ModuleDefinition _module;
    private readonly MethodReference _log;
    private readonly bool _takesTimeSpan;
    private readonly MethodReference _getMethodFromHandle;
    private readonly MethodReference _elapsed;
    private readonly MethodReference _delegateConstructor;
    private readonly TypeDefinition _callbacks;

    private MethodTimeLogger(ModuleDefinition module, MethodDefinition log, bool takesTimeSpan, Func<string, TypeDefinition> findType, TypeDefinition callbacks)
    {
        _module = module;
        _log = module.ImportReference(log);
        _takesTimeSpan = takesTimeSpan;
        _callbacks = callbacks;
        TypeDefinition methodBase = findType("System.Reflection.MethodBase");
        _getMethodFromHandle = module.ImportReference(methodBase.Methods.Single(m => m.Name == "GetMethodFromHandle" && m.Parameters.Count == 2));
        _elapsed = module.ImportReference(callbacks.Methods.Single(m => m.Name == (takesTimeSpan ? "Elapsed" : "ElapsedMilliseconds")));
        TypeReference action = module.ImportReference(findType("System.Action`3"));
        GenericInstanceType actionOfLog = action.MakeGenericInstanceType(
            module.ImportReference(methodBase),
            takesTimeSpan ? module.ImportReference(findType("System.TimeSpan")) : module.TypeSystem.Int64,
            module.TypeSystem.String);
        _delegateConstructor = new MethodReference(".ctor", module.TypeSystem.Void, actionOfLog) { HasThis = true };
        _delegateConstructor.Parameters.Add(new ParameterDefinition(module.TypeSystem.Object));
        _delegateConstructor.Parameters.Add(new ParameterDefinition(module.TypeSystem.IntPtr));
    }

    /// <summary>The assembly's logger, or null when it has none.</summary>
    public static MethodTimeLogger? Find(ModuleDefinition module, Func<string, TypeDefinition> findType, Func<string, AssemblyDefinition?> resolve)
    {
        foreach (TypeDefinition type in module.GetTypes().Where(t => t.Name == "MethodTimeLogger" && t.IsAbstract && t.IsSealed))
        {
            foreach (MethodDefinition method in type.Methods.Where(m => m.IsStatic && m.Name == "Log" && m.Parameters.Count == 3))
            {
                string first = method.Parameters[0].ParameterType.FullName;
                string second = method.Parameters[1].ParameterType.FullName;
                string third = method.Parameters[2].ParameterType.FullName;
                if (first == "System.Reflection.MethodBase" && third == "System.String" && (second == "System.TimeSpan" || second == "System.Int64"))
                {
                    TypeDefinition? callbacks = resolve("Vypr.Runtime")?.MainModule.GetType("Vypr.Runtime.MethodTimerCallbacks");
                    return callbacks is null ? null : new MethodTimeLogger(module, method, second == "System.TimeSpan", findType, callbacks);
                }
            }
        }

        return null;
    }

    /// <summary>Instructions that call the logger now: <c>Log(method, elapsed, message)</c>.</summary>
    public Instruction[] CallNow(MethodDefinition method, VariableDefinition start, string? message) =>
    [
        .. MethodAndMessage(method, message, start, elapsedNow: true),
        Instruction.Create(OpCodes.Call, _log),
    ];

    /// <summary>
    /// Instructions that hand the task in <paramref name="result"/> to <c>MethodTimerCallbacks.WhenComplete</c>, which
    /// calls the logger when it completes (storing back the value task it returns, for value tasks).
    /// </summary>
    public Instruction[] CallWhenComplete(MethodDefinition method, VariableDefinition start, VariableDefinition result, TaskShape shape, string? message)
    {
        string taskType = shape switch
        {
            TaskShape.ValueTask => "System.Threading.Tasks.ValueTask",
            TaskShape.ValueTaskOfT => "System.Threading.Tasks.ValueTask`1",
            _ => "System.Threading.Tasks.Task",
        };
        MethodDefinition overload = _callbacks.Methods.Single(m => m.Name == "WhenComplete"
            && m.Parameters[0].ParameterType.GetElementType().FullName == taskType
            && ((GenericInstanceType)m.Parameters[4].ParameterType).GenericArguments[1].FullName == (_takesTimeSpan ? "System.TimeSpan" : "System.Int64"));
        MethodReference whenComplete = _module.ImportReference(overload);
        if (shape == TaskShape.ValueTaskOfT)
        {
            var generic = new GenericInstanceMethod(whenComplete);
            generic.GenericArguments.Add(((GenericInstanceType)method.ReturnType).GenericArguments[0]);
            whenComplete = generic;
        }

        var instructions = new System.Collections.Generic.List<Instruction> { Instruction.Create(OpCodes.Ldloc, result), Instruction.Create(OpCodes.Ldloc, start) };
        instructions.AddRange(MethodAndMessage(method, message, start, elapsedNow: false));
        instructions.Add(Instruction.Create(OpCodes.Ldnull));
        instructions.Add(Instruction.Create(OpCodes.Ldftn, _log));
        instructions.Add(Instruction.Create(OpCodes.Newobj, _delegateConstructor));
        instructions.Add(Instruction.Create(OpCodes.Call, whenComplete));
        if (shape is TaskShape.ValueTask or TaskShape.ValueTaskOfT)
        {
            instructions.Add(Instruction.Create(OpCodes.Stloc, result));
        }

        return instructions.ToArray();
    }

    private Instruction[] MethodAndMessage(MethodDefinition method, string? message, VariableDefinition start, bool elapsedNow)
    {
        var instructions = new System.Collections.Generic.List<Instruction>
        {
            Instruction.Create(OpCodes.Ldtoken, method),
            Instruction.Create(OpCodes.Ldtoken, method.DeclaringType),
            Instruction.Create(OpCodes.Call, _getMethodFromHandle),
        };
        if (elapsedNow)
        {
            instructions.Add(Instruction.Create(OpCodes.Ldloc, start));
            instructions.Add(Instruction.Create(OpCodes.Call, _elapsed));
        }

        instructions.Add(message is null ? Instruction.Create(OpCodes.Ldnull) : Instruction.Create(OpCodes.Ldstr, message));
        return instructions.ToArray();
    }
}
