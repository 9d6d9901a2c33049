namespace Suite.Library;

/// <summary>One line of an order.</summary>
/// <param name="Code">The product code.</param>
/// <param name="Quantity">How many items.</param>
public sealed record OrderLine(string Code, int Quantity);
