namespace Vypr.Runtime.Monitoring;

/// <summary>A compiled connective: for <see cref="FormulaNodeKind.Atom"/>, <paramref name="A"/> is the atom index; otherwise the operand nodes.</summary>
internal readonly record struct FormulaNode(FormulaNodeKind Kind, int A, int B);
