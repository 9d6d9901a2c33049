namespace Vypr.Generators.Model;

/// <summary>
/// Why interceptors cannot time a call that reaches a monitored method, grouped as the weaving summary (VYPR0018)
/// counts them: each group is covered by the IL backend (<c>VyprWeaving</c> = <c>IL</c>), which times the method's
/// own body whatever the call looks like.
/// </summary>
internal enum WeavingGap
{
    /// <summary>A call through an interface member whose monitored implementation is a member of a generic type.</summary>
    GenericInterface,

    /// <summary>A virtual call that may reach a monitored member of a generic type.</summary>
    GenericVirtual,

    /// <summary>A call inside generic code over the caller's own type parameters.</summary>
    GenericCode,

    /// <summary>A method group converted to a delegate: calls through the delegate happen later, out of sight.</summary>
    Delegate,

    /// <summary>
    /// A call whose signature names a private or protected nested type, in a containing type that is not partial:
    /// only an interceptor declared inside that type could name it.
    /// </summary>
    HiddenType,

    /// <summary>Anything else: base calls, dynamic calls, anonymous, pointer, file-local or inaccessible types.</summary>
    Other,
}
