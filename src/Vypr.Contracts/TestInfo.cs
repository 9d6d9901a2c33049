using System;

namespace Vypr.Contracts;

/// <summary>A test that ran while monitoring was on.</summary>
/// <param name="Id">The test's number within one run; verdicts refer to it. Zero is never a test: it stands for calls made outside any test.</param>
/// <param name="Name">The test's full name (<c>Uploader.Tests.UploadTests.Uploads_small_payload</c>).</param>
/// <param name="StartedAt">When the test started.</param>
/// <param name="EndedAt">When the test ended, or <see langword="null"/> while it runs.</param>
/// <param name="Outcome">The test framework's outcome (<c>Passed</c>, <c>Failed</c>...) when it reported one.</param>
public sealed record TestInfo(int Id, string Name, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Outcome)
{
    /// <summary>What the test cost (time, processor, allocations, collections, memory), once it has ended; absent in files written before.</summary>
    public TestMeasurements? Measurements { get; init; }
}
