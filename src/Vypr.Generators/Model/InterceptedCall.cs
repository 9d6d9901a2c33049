namespace Vypr.Generators.Model;

/// <summary>One call site to intercept, with everything the emitter needs to write its interceptor.</summary>
/// <param name="LocationVersion">The interceptable location's encoding version.</param>
/// <param name="LocationData">The interceptable location's opaque data.</param>
/// <param name="File">The source file (after path mapping).</param>
/// <param name="Line">The 1-based line of the invoked name.</param>
/// <param name="Column">The 1-based column of the invoked name.</param>
/// <param name="Caller">The member containing the call, readable.</param>
/// <param name="MethodName">The invoked method's name (used to name the interceptor).</param>
/// <param name="ReceiverType">The type of the receiver (<c>this</c> parameter), or null for a static call.</param>
/// <param name="ReceiverRefKind">The receiver's modifier (<c>"ref "</c> for structs), or empty.</param>
/// <param name="ReturnType">The fully qualified return type, or <c>void</c>.</param>
/// <param name="ReturnRefKind">The return's modifier (<c>"ref "</c>, <c>"ref readonly "</c>) or empty.</param>
/// <param name="Parameters">The parameters after the receiver.</param>
/// <param name="Invocation">The expression that calls the original method with the interceptor's parameters.</param>
/// <param name="Accessor">An UnsafeAccessor declaration used to reach an inaccessible method, or null.</param>
/// <param name="Async">How the call completes.</param>
/// <param name="Targets">The monitored methods the call may reach.</param>
/// <param name="Roles">What the call records for fluent specifications.</param>
internal sealed record InterceptedCall(
    int LocationVersion,
    string LocationData,
    string File,
    int Line,
    int Column,
    string Caller,
    string MethodName,
    string? ReceiverType,
    string ReceiverRefKind,
    string ReturnType,
    string ReturnRefKind,
    EquatableArray<ParameterModel> Parameters,
    string Invocation,
    string? Accessor,
    AsyncKind Async,
    EquatableArray<MonitoredTarget> Targets,
    EquatableArray<FormulaRole> Roles = default);
