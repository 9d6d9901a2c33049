using System;
using System.Linq;
using Mono.Cecil;

namespace Vypr.Fody.Emit;

/// <summary>The members of Vypr.Runtime that woven code calls, imported into the module being woven.</summary>
internal sealed class RuntimeReferences
{
    private RuntimeReferences(ModuleDefinition module, TypeDefinition probe, TypeDefinition registry)
    {
        IsEnabled = module.ImportReference(probe.Fields.Single(f => f.Name == "IsEnabled"));
        Start = module.ImportReference(probe.Methods.Single(m => m.Name == "Start" && m.Parameters.Count == 0));
        Stop = module.ImportReference(probe.Methods.Single(m => m.Name == "Stop" && m.Parameters.Count == 3));
        StopTask = module.ImportReference(StopWhenComplete(probe, "System.Threading.Tasks.Task"));
        StopTaskOfT = module.ImportReference(StopWhenComplete(probe, "System.Threading.Tasks.Task`1"));
        StopValueTask = module.ImportReference(StopWhenComplete(probe, "System.Threading.Tasks.ValueTask"));
        StopValueTaskOfT = module.ImportReference(StopWhenComplete(probe, "System.Threading.Tasks.ValueTask`1"));
        RegisterSpecification = module.ImportReference(registry.Methods.Single(m => m.Name == "RegisterSpecification" && m.Parameters.Count == 4));
        RegisterCallSite = module.ImportReference(registry.Methods.Single(m => m.Name == "RegisterCallSite" && m.Parameters.Count == 6));
    }

    public FieldReference IsEnabled { get; }

    public MethodReference Start { get; }

    public MethodReference Stop { get; }

    public MethodReference StopTask { get; }

    public MethodReference StopTaskOfT { get; }

    public MethodReference StopValueTask { get; }

    public MethodReference StopValueTaskOfT { get; }

    public MethodReference RegisterSpecification { get; }

    public MethodReference RegisterCallSite { get; }

    /// <summary>Finds Vypr.Runtime among the module's references; null when the project does not reference it.</summary>
    public static RuntimeReferences? Find(ModuleDefinition module, Func<string, AssemblyDefinition?> resolve)
    {
        AssemblyDefinition? runtime = resolve("Vypr.Runtime");
        TypeDefinition? probe = runtime?.MainModule.GetType("Vypr.Runtime.Probe");
        TypeDefinition? registry = runtime?.MainModule.GetType("Vypr.Runtime.MonitorRegistry");
        return probe is null || registry is null ? null : new RuntimeReferences(module, probe, registry);
    }

    private static MethodDefinition StopWhenComplete(TypeDefinition probe, string taskType) =>
        probe.Methods.Single(m => m.Name == "StopWhenComplete" && m.Parameters[0].ParameterType.GetElementType().FullName == taskType);
}
