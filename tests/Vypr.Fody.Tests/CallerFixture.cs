using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Fody.Tests;

/// <summary>Runs the caller once under monitoring; the tests read its verdicts.</summary>
public sealed class CallerFixture : IAsyncLifetime
{
    public MonitoredProcess Run { get; private set; } = null!;

    public RunDocument Results => Run.Results!;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        Run = await CallerRun.RunAsync(new Dictionary<string, string> { ["VYPR_MONITORING"] = "1" });
    }

    /// <summary>The verdicts of the specification on the method shown as <paramref name="method"/>.</summary>
    public IReadOnlyList<VerdictInfo> VerdictsOf(string method)
    {
        SpecificationInfo specification = Assert.Single(Results.Specifications, s => s.Method == method);
        return Results.Verdicts.Where(v => v.SpecificationId == specification.Id).ToList();
    }

    public CallSiteInfo SiteOf(VerdictInfo verdict) => Results.CallSites.Single(s => s.Id == verdict.CallSiteId);
}
