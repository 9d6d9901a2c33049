namespace Vypr.Runtime.Monitoring;

/// <summary>Receives the verdicts of fluent specifications as they are decided.</summary>
internal interface IFormulaVerdictSink
{
    void Take(in FormulaVerdict verdict);

    /// <summary>
    /// A binding of a specification that only bounds its call's duration was satisfied: count it in the statistics
    /// without building its verdict, if its verdict would not be kept (the retention limit of its test and site is
    /// reached). Returns false, having counted nothing, when the verdict would be kept: the monitor then decides the
    /// binding in full and calls <see cref="Take"/>.
    /// </summary>
    /// <param name="invocation">The invocation the binding belongs to.</param>
    /// <param name="pointCallSiteId">The call site of the event's point (the verdict's site when the invocation has none).</param>
    /// <param name="durationNanoseconds">The call's duration.</param>
    /// <param name="threw">Whether the call ended by an exception.</param>
    /// <returns>Whether the binding was counted.</returns>
    bool CountSatisfied(ScopeInvocation invocation, int pointCallSiteId, long durationNanoseconds, bool threw);
}
