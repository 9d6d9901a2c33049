using System;
using Vypr.Contracts;

namespace Vypr.Runtime.Tests.Results;

/// <summary>Small results documents built by hand, for tests of the format itself.</summary>
internal static class SampleDocuments
{
    public static RunDocument WithVerdict(double severity, double observed, string text = "t", int padding = 0)
    {
        var run = new RunInfo(Guid.NewGuid(), "Sample.Tests", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "host", ".NET", null, null);
        var specification = new SpecificationInfo(1, "M:S.M " + text, "S.M()", "Forall(...)", 0);
        var callSite = new CallSiteInfo(1, 1, "/src/S.cs", 3, 5, "S.Caller()", "Sample");
        var test = new TestInfo(1, "S.Tests." + text + new string('p', padding), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "Passed");
        var verdict = new VerdictInfo(1, 1, 1, 1, 1, DateTimeOffset.UtcNow, 10, false, severity, false, [new ObservationInfo("q.Value()", observed, "number", "< 1 " + text, false)]);
        return new RunDocument(RunDocument.CurrentSchema, run, [specification], [callSite], [test], [verdict]);
    }
}
