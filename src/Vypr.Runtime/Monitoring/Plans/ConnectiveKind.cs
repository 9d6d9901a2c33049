namespace Vypr.Runtime.Monitoring;

/// <summary>The kinds of <see cref="ConnectiveNode"/>.</summary>
internal enum ConnectiveKind : byte
{
    Atom,
    And,
    Or,
    Not,
    Implies,
}
