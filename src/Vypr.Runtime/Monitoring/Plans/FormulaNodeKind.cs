namespace Vypr.Runtime.Monitoring;

/// <summary>The kinds of <see cref="FormulaNode"/>.</summary>
internal enum FormulaNodeKind : byte
{
    Atom,
    And,
    Or,
    Not,
    Implies,
}
