namespace Vypr.Contracts;

/// <summary>A performance specification as it travels in results files and to the verdict server.</summary>
/// <param name="Id">The specification's number within one run; verdicts refer to it.</param>
/// <param name="Key">A stable identity across runs: the monitored method's documentation ID and the specification text.</param>
/// <param name="Method">The monitored method, readable (<c>Uploader.PayloadHasher.Hash(byte[])</c>).</param>
/// <param name="Text">The specification as its author wrote it (<c>MaxDuration("50ms")</c>).</param>
/// <param name="BoundNanoseconds">The upper bound of a call's duration, in nanoseconds.</param>
public sealed record SpecificationInfo(int Id, string Key, string Method, string Text, long BoundNanoseconds);
