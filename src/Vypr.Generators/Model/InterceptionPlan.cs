namespace Vypr.Generators.Model;

/// <summary>Everything the generator emits for one compilation.</summary>
/// <param name="AssemblyName">The compilation's assembly, recorded with each call site.</param>
/// <param name="Specifications">The monitored methods whose specifications this assembly registers.</param>
/// <param name="Calls">The call sites to intercept.</param>
internal sealed record InterceptionPlan(
    string AssemblyName,
    EquatableArray<MonitoredMethod> Specifications,
    EquatableArray<InterceptedCall> Calls);
