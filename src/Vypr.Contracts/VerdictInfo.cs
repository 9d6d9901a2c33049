using System;
using System.Collections.Generic;

namespace Vypr.Contracts;

/// <summary>The verdict on one monitored call: whether it met its specification, and the observations that decided it.</summary>
/// <param name="Sequence">The verdict's number within its run, unique and increasing; with the run's ID it identifies the verdict everywhere.</param>
/// <param name="SpecificationId">The specification that was checked.</param>
/// <param name="CallSiteId">Where the call was made.</param>
/// <param name="TestId">The test during which the call was made; 0 when no test was running.</param>
/// <param name="ThreadId">The managed thread that finished the call.</param>
/// <param name="StartedAt">When the call started.</param>
/// <param name="DurationNanoseconds">How long the call took, until its task completed for asynchronous methods.</param>
/// <param name="Value">True when the call met the specification.</param>
/// <param name="Severity">Signed distance of the deciding observation to the bound, in its unit (ns for durations): positive when satisfied, negative when violated.</param>
/// <param name="Threw">True when the call ended by an exception (or a faulted or cancelled task).</param>
/// <param name="Observations">The observations that took part; the first one decided the verdict.</param>
public sealed record VerdictInfo(
    long Sequence,
    int SpecificationId,
    int CallSiteId,
    int TestId,
    int ThreadId,
    DateTimeOffset StartedAt,
    long DurationNanoseconds,
    bool Value,
    double Severity,
    bool Threw,
    IReadOnlyList<ObservationInfo> Observations);
