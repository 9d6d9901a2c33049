using System;
using System.Linq;
using Mono.Cecil;

namespace Vypr.Fody.Scopes;

/// <summary>
/// The members that woven fluent-specification probes call, imported into the module being woven: the same
/// <c>Probe</c> entry points an interceptor calls (EnterScope, Entered, Event, Value, Length, Missing, LeaveScope,
/// Exited), <c>ScopeInstance.Current</c>, <c>PendingEvent</c> for tasks still running, the registrations, and the
/// task members that tell whether a task has completed.
/// </summary>
internal sealed class ScopeReferences
{
    private readonly ModuleDefinition _module;
    private readonly TypeDefinition _taskOfT;
    private readonly TypeDefinition _valueTaskOfT;

    private ScopeReferences(ModuleDefinition module, TypeDefinition probe, TypeDefinition registry, TypeDefinition instance, TypeDefinition pending, Func<string, TypeDefinition> findType)
    {
        _module = module;
        MethodReference Import(TypeDefinition type, string name, int parameters) =>
            module.ImportReference(type.Methods.Single(m => m.Name == name && m.Parameters.Count == parameters));

        ScopeInstance = module.ImportReference(instance);
        PendingEventType = module.ImportReference(pending);
        EnterScope = Import(probe, "EnterScope", 1);
        EnterScopeOnThread = Import(probe, "EnterScopeOnThread", 1);
        LeaveScope = Import(probe, "LeaveScope", 1);
        Entered = Import(probe, "Entered", 3);
        ExitedAt = Import(probe, "Exited", 2);
        Event = Import(probe, "Event", 5);
        Value = Import(probe, "Value", 1);
        Length = Import(probe, "Length", 1);
        Missing = Import(probe, "Missing", 0);
        Start = Import(probe, "Start", 0);
        Current = Import(instance, "Current", 1);
        Begin = Import(pending, "Begin", 2);
        PendingValue = Import(pending, "Value", 1);
        PendingLength = Import(pending, "Length", 1);
        PendingMissing = Import(pending, "Missing", 0);
        PendingResult = Import(pending, "Result", 1);
        PendingEvent = Import(pending, "Event", 1);
        PendingExitScope = Import(pending, "ExitScope", 0);
        MethodDefinition When(string taskType) =>
            pending.Methods.Single(m => m.Name == "When" && m.Parameters[0].ParameterType.GetElementType().FullName == taskType);
        WhenTask = module.ImportReference(When("System.Threading.Tasks.Task"));
        WhenTaskOfT = module.ImportReference(When("System.Threading.Tasks.Task`1"));
        WhenValueTask = module.ImportReference(When("System.Threading.Tasks.ValueTask"));
        WhenValueTaskOfT = module.ImportReference(When("System.Threading.Tasks.ValueTask`1"));
        RegisterScope = Import(registry, "RegisterScope", 1);
        RegisterPoint = Import(registry, "RegisterPoint", 11);

        TypeDefinition task = findType("System.Threading.Tasks.Task");
        TypeDefinition valueTask = findType("System.Threading.Tasks.ValueTask");
        _taskOfT = findType("System.Threading.Tasks.Task`1");
        _valueTaskOfT = findType("System.Threading.Tasks.ValueTask`1");
        TaskIsCompleted = Import(task, "get_IsCompleted", 0);
        TaskIsCompletedSuccessfully = Import(task, "get_IsCompletedSuccessfully", 0);
        ValueTaskIsCompleted = Import(valueTask, "get_IsCompleted", 0);
        ValueTaskIsCompletedSuccessfully = Import(valueTask, "get_IsCompletedSuccessfully", 0);
    }

    public TypeReference ScopeInstance { get; }

    public TypeReference PendingEventType { get; }

    public MethodReference EnterScope { get; }

    /// <summary><c>Probe.EnterScopeOnThread</c>: a synchronous scoped method's invocation, current on its thread, from a pool.</summary>
    public MethodReference EnterScopeOnThread { get; }

    public MethodReference LeaveScope { get; }

    public MethodReference Entered { get; }

    /// <summary><c>Probe.Exited(ScopeInstance, long)</c>.</summary>
    public MethodReference ExitedAt { get; }

    public MethodReference Event { get; }

    public MethodReference Value { get; }

    public MethodReference Length { get; }

    public MethodReference Missing { get; }

    public MethodReference Start { get; }

    public MethodReference Current { get; }

    public MethodReference Begin { get; }

    public MethodReference PendingValue { get; }

    public MethodReference PendingLength { get; }

    public MethodReference PendingMissing { get; }

    public MethodReference PendingResult { get; }

    public MethodReference PendingEvent { get; }

    public MethodReference PendingExitScope { get; }

    public MethodReference WhenTask { get; }

    public MethodReference WhenTaskOfT { get; }

    public MethodReference WhenValueTask { get; }

    public MethodReference WhenValueTaskOfT { get; }

    public MethodReference RegisterScope { get; }

    public MethodReference RegisterPoint { get; }

    public MethodReference TaskIsCompleted { get; }

    public MethodReference TaskIsCompletedSuccessfully { get; }

    public MethodReference ValueTaskIsCompleted { get; }

    public MethodReference ValueTaskIsCompletedSuccessfully { get; }

    public static ScopeReferences? Find(ModuleDefinition module, Func<string, AssemblyDefinition?> resolve, Func<string, TypeDefinition> findType)
    {
        ModuleDefinition? runtime = resolve("Vypr.Runtime")?.MainModule;
        TypeDefinition? probe = runtime?.GetType("Vypr.Runtime.Probe");
        TypeDefinition? registry = runtime?.GetType("Vypr.Runtime.MonitorRegistry");
        TypeDefinition? instance = runtime?.GetType("Vypr.Runtime.ScopeInstance");
        TypeDefinition? pending = runtime?.GetType("Vypr.Runtime.PendingEvent");
        return probe is null || registry is null || instance is null || pending is null
            ? null
            : new ScopeReferences(module, probe, registry, instance, pending, findType);
    }

    /// <summary><paramref name="method"/> instantiated with one type argument.</summary>
    public MethodReference Generic(MethodReference method, TypeReference argument)
    {
        var instance = new GenericInstanceMethod(method);
        instance.GenericArguments.Add(_module.ImportReference(argument));
        return instance;
    }

    /// <summary>A parameterless member (<c>get_Result</c>, <c>get_IsCompleted</c>) of <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>, on the instantiation <paramref name="taskType"/>.</summary>
    public MethodReference MemberOf(GenericInstanceType taskType, string name) =>
        OnInstance(Import(taskType.ElementType.FullName == "System.Threading.Tasks.Task`1" ? _taskOfT : _valueTaskOfT, name, 0), taskType);

    /// <summary><c>ValueTask&lt;T&gt;</c>'s constructor from a result.</summary>
    public MethodReference ValueTaskFromResult(GenericInstanceType valueTaskType) =>
        OnInstance(_module.ImportReference(_valueTaskOfT.Methods.Single(m => m.IsConstructor && !m.IsStatic && m.Parameters.Count == 1 && m.Parameters[0].ParameterType is GenericParameter)), valueTaskType);

    private MethodReference Import(TypeDefinition type, string name, int parameters) =>
        _module.ImportReference(type.Methods.Single(m => m.Name == name && m.Parameters.Count == parameters));

    // A member of an open generic type, called on one of its instantiations.
    private MethodReference OnInstance(MethodReference method, GenericInstanceType declaring)
    {
        var reference = new MethodReference(method.Name, method.ReturnType, _module.ImportReference(declaring))
        {
            HasThis = method.HasThis,
            ExplicitThis = method.ExplicitThis,
            CallingConvention = method.CallingConvention,
        };
        foreach (ParameterDefinition parameter in method.Parameters)
        {
            reference.Parameters.Add(new ParameterDefinition(parameter.ParameterType));
        }

        return reference;
    }
}
