namespace Vypr.Generators.Model;

/// <summary>One call site to intercept: facts about the call, from which the emitter writes its interceptor.</summary>
/// <param name="LocationVersion">The interceptable location's encoding version.</param>
/// <param name="LocationData">The interceptable location's opaque data.</param>
/// <param name="File">The source file (after path mapping).</param>
/// <param name="Line">The 1-based line of the invoked name.</param>
/// <param name="Column">The 1-based column of the invoked name.</param>
/// <param name="Caller">The member containing the call, readable.</param>
/// <param name="MethodName">The invoked method's name.</param>
/// <param name="Form">How the interceptor calls the original method.</param>
/// <param name="CallTarget">For static, extension and accessor calls: the fully qualified type the call goes through (the declaring type, or the extension's static class); null for instance calls.</param>
/// <param name="TypeArguments">The method's type arguments, fully qualified; empty when it is not generic.</param>
/// <param name="Receiver">The receiver (the interceptor's <c>this</c> parameter), or null for a static call: by reference for a value type (<c>in</c> for a readonly member), as declared for an extension.</param>
/// <param name="ReturnType">The fully qualified return type, or <c>void</c>.</param>
/// <param name="ReturnRefKind">Whether it returns by reference (<see cref="ParameterRefKind.Ref"/>, <see cref="ParameterRefKind.RefReadOnly"/>).</param>
/// <param name="ReturnAttributes">The attributes the interceptor repeats on its return.</param>
/// <param name="Parameters">The parameters after the receiver.</param>
/// <param name="Async">How the call completes.</param>
/// <param name="Targets">The monitored methods the call may reach.</param>
/// <param name="Roles">What the call records for fluent specifications.</param>
/// <param name="Host">The user's type the interceptor is declared in, or null for the generated namespace (see <see cref="InterceptorHost"/>).</param>
internal sealed record InterceptedCall(
    int LocationVersion,
    string LocationData,
    string File,
    int Line,
    int Column,
    string Caller,
    string MethodName,
    CallForm Form,
    string? CallTarget,
    EquatableArray<string> TypeArguments,
    ParameterModel? Receiver,
    string ReturnType,
    ParameterRefKind ReturnRefKind,
    EquatableArray<AttributeModel> ReturnAttributes,
    EquatableArray<ParameterModel> Parameters,
    AsyncKind Async,
    EquatableArray<MonitoredTarget> Targets,
    EquatableArray<CallRole> Roles,
    InterceptorHost? Host = null);
