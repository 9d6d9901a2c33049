using System;
using Vypr.Contracts;

namespace Vypr.Analysis.Store;

/// <summary>One kept monitored call with everything around it resolved: its run, test, specification and call site.</summary>
/// <param name="Run">The run it happened in.</param>
/// <param name="Test">The test that made it; null for calls outside any test.</param>
/// <param name="Specification">The specification it was checked against.</param>
/// <param name="CallSite">Where it was made; null when the results file does not list the site.</param>
/// <param name="Verdict">The verdict with its observations.</param>
public sealed record Call(RunInfo Run, TestInfo? Test, SpecificationInfo Specification, CallSiteInfo? CallSite, VerdictInfo Verdict)
{
    /// <summary>The monitored method (<c>Uploader.PayloadHasher.Hash(byte[])</c>).</summary>
    public string Method => Specification.Method;

    /// <summary>How long the call took.</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(Verdict.DurationNanoseconds / 100);

    /// <summary>True when the call violated its specification.</summary>
    public bool Violated => !Verdict.Value;
}
