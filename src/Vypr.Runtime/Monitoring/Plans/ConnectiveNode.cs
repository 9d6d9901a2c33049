namespace Vypr.Runtime.Monitoring;

/// <summary>A compiled connective: for <see cref="ConnectiveKind.Atom"/>, <paramref name="A"/> is the atom index; otherwise the operand nodes.</summary>
internal readonly record struct ConnectiveNode(ConnectiveKind Kind, int A, int B);
