namespace Vypr.Runtime.Monitoring;

/// <summary>The kinds of <see cref="TermNode"/>.</summary>
internal enum TermKind : byte
{
    Constant,
    Measured,
    Arithmetic,
}
