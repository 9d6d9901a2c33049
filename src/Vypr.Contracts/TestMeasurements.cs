namespace Vypr.Contracts;

/// <summary>
/// What a test cost while it ran, measured by the runtime when the test began and ended. Wall time is the test's
/// own; the other counters are the process's over the test's span, so they are the test's alone only when no other
/// test ran meanwhile (<see cref="Exclusive"/>): run tests one at a time to measure each exactly.
/// </summary>
/// <param name="WallNanoseconds">Elapsed time from the test's start to its end.</param>
/// <param name="CpuNanoseconds">Processor time the process used meanwhile (user and kernel, every thread).</param>
/// <param name="AllocatedBytes">Bytes the process allocated on the managed heap meanwhile.</param>
/// <param name="Gen0Collections">Generation 0 garbage collections meanwhile.</param>
/// <param name="Gen1Collections">Generation 1 garbage collections meanwhile.</param>
/// <param name="Gen2Collections">Generation 2 (full) garbage collections meanwhile.</param>
/// <param name="PeakWorkingSetBytes">The process's peak resident memory when the test ended (a high-water mark since the process started).</param>
/// <param name="Exclusive">Whether no other test ran at any moment of this test's span.</param>
public sealed record TestMeasurements(
    long WallNanoseconds,
    long CpuNanoseconds,
    long AllocatedBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    long PeakWorkingSetBytes,
    bool Exclusive);
