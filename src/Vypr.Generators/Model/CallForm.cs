namespace Vypr.Generators.Model;

/// <summary>How an interceptor calls the method it intercepts.</summary>
internal enum CallForm
{
    /// <summary>On the receiver: <c>@this.M(...)</c>.</summary>
    Instance,

    /// <summary>On the declaring type: <c>T.M(...)</c>.</summary>
    Static,

    /// <summary>As the static method of a classic extension: <c>Extensions.M(@this, ...)</c>.</summary>
    Extension,

    /// <summary>Through an <c>UnsafeAccessor</c> declared beside the interceptor, for a method generated code cannot see.</summary>
    Accessor,
}
