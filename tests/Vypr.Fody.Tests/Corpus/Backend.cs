namespace Vypr.Fody.Tests.Corpus;

/// <summary>How a program is woven: the project's <c>VyprWeaving</c>.</summary>
public enum Backend
{
    /// <summary>The source generator's interceptors at the call sites of the compilation.</summary>
    Interceptors,

    /// <summary>The generator with <c>VyprWeaving=IL</c>, then the Fody weaver over the compiled assembly.</summary>
    IL,
}
