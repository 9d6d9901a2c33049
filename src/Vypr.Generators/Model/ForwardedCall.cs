namespace Vypr.Generators.Model;

/// <summary>A call site whose interceptor is one line: it forwards to the shared body of its shape with its own site IDs.</summary>
/// <param name="Call">The call; its targets' site fields are numbered within its source file.</param>
/// <param name="Shared">The name of the shared body.</param>
internal sealed record ForwardedCall(InterceptedCall Call, string Shared);
