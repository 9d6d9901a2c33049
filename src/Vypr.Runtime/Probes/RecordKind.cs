namespace Vypr.Runtime;

/// <summary>The kinds of <see cref="CallRecord"/>.</summary>
internal enum RecordKind : byte
{
    /// <summary>A call of a <c>[MaxDuration]</c> method: the whole specification is one duration check.</summary>
    Call,

    /// <summary>An invocation of a scoped method began (one per specification scoped to it).</summary>
    Enter,

    /// <summary>A formula event at a point: a call, a change or the scoped call; its captured values precede it.</summary>
    Event,

    /// <summary>An invocation of a scoped method ended: the last record of its invocation.</summary>
    Exit,

    /// <summary>A captured number, belonging to the next <see cref="Event"/> of the same thread.</summary>
    NumberValue,

    /// <summary>A captured text or null, belonging to the next <see cref="Event"/> of the same thread.</summary>
    TextValue,

    /// <summary>A value that could not be captured (a null collection's length), belonging to the next event.</summary>
    MissingValue,
}
