namespace Vypr.Runtime.Tests.WholePath;

/// <summary>The static type of a value a probe captured.</summary>
internal enum CapturedValueKind
{
    Double,
    Long,
    Int,
    Decimal,
    Single,
    Text,
}
