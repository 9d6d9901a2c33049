namespace Vypr.Formulas;

/// <summary>Where a captured value comes from: see <see cref="CaptureName"/>.</summary>
internal enum CaptureSource
{
    /// <summary>An argument of the call, by parameter name (<c>arg:NAME</c>).</summary>
    Argument,

    /// <summary>The call's result (<c>result</c>).</summary>
    Result,

    /// <summary>A changed variable's new value (<c>value</c>).</summary>
    Value,
}
