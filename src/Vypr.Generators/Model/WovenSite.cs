namespace Vypr.Generators.Model;

/// <summary>One line of the weaving report: a call that reaches a monitored or scoped method, and what became of it.</summary>
/// <param name="File">The source file (after path mapping).</param>
/// <param name="Line">The 1-based line of the invoked name.</param>
/// <param name="Column">The 1-based column of the invoked name.</param>
/// <param name="Caller">The member containing the call, readable.</param>
/// <param name="Method">The monitored method the call may reach, or what a fluent specification records at it, readable.</param>
/// <param name="Woven">True when an interceptor times the call.</param>
/// <param name="Gap">For a call not woven: its group; null when woven.</param>
/// <param name="Detail">How it is woven (a direct call, a type test on the receiver, a fluent role), or why not.</param>
internal sealed record WovenSite(
    string File,
    int Line,
    int Column,
    string Caller,
    string Method,
    bool Woven,
    WeavingGap? Gap,
    string Detail);
