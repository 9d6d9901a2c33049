namespace Vypr.Runtime.Monitoring;

/// <summary>What a <see cref="CapturedValue"/> holds.</summary>
internal enum ValueKind : byte
{
    /// <summary>Nothing: the value could not be captured, or a term over it could not be computed.</summary>
    Missing,

    /// <summary>A number.</summary>
    Number,

    /// <summary>A text, or null.</summary>
    Text,
}
