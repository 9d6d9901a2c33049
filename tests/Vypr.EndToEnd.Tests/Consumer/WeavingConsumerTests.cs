using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Runtime;
using Xunit;

namespace Vypr.EndToEnd.Tests.Consumer;

/// <summary>
/// The IL backend as a user gets it: the Vypr package alone, one property (VyprWeaving=IL) in a multi-targeting
/// library, and every call of its monitored methods timed once, whether the program calls them directly (where the
/// program's own interceptors would otherwise apply), through a generic interface or through a delegate.
/// </summary>
public sealed class WeavingConsumerTests
{
    private const string Library = """
        using System.Threading.Tasks;
        using Vypr;

        namespace Lib
        {
            public interface IStep<T>
            {
                T Run(T value);
            }

            public sealed class Step : IStep<int>
            {
                [MaxDuration("1s")]
                public int Run(int value) => value + 1;
            }

            public static class Work
            {
                [MaxDuration("1s")]
                public static async Task<int> LaterAsync(int x)
                {
                    await Task.Delay(30);
                    return x;
                }
            }
        }
        """;

    private const string Program = """
        using System;
        using Lib;

        IStep<int> step = new Step();
        Func<int, int> run = new Step().Run;
        int total = step.Run(1) + run(2) + new Step().Run(3);
        total += await Work.LaterAsync(4);
        Console.WriteLine($"total {total}");
        """;

    [Fact]
    public async Task The_package_alone_weaves_a_library_that_sets_VyprWeaving_IL()
    {
        await using ConsumerWorkspace workspace = await ConsumerWorkspace.PackAsync(TestContext.Current.CancellationToken);
        string solution = workspace.CreateLibraryAndApp("weaving", "netstandard2.0;net10.0", Library, Program, "<VyprWeaving>IL</VyprWeaving>");

        string app = Path.Combine(solution, "App");
        DotNetCommand build = await workspace.DotNetAsync(app, new Dictionary<string, string>(), TestContext.Current.CancellationToken, "build", "-c", "Release");
        Assert.True(build.ExitCode == 0, build.Output);
        // Fody was configured by Vypr's build files: nothing written into the user's project.
        Assert.False(File.Exists(Path.Combine(solution, "Lib", "FodyWeavers.xml")));
        // The recommended setup (a net10.0 target beside a lower one) is not warned about (VYPR1012).
        Assert.DoesNotContain("VYPR1012", build.Output, System.StringComparison.Ordinal);

        // The weaving report says what times itself, before the interceptors' (empty) count of call sites: the
        // generator alone wrote "No call site ... is woven by interceptors", read by a user as "nothing is monitored".
        string intermediate = Path.Combine(solution, "Lib", "obj", "Release", "net10.0");
        string report = File.ReadAllText(Path.Combine(intermediate, "vypr-weaving.md"));
        Assert.StartsWith("# Vypr weaving report: Lib\n\n## Woven in IL\n\nThe IL weaver timed 2 method(s) and wove 0 scoped method(s)", report, System.StringComparison.Ordinal);
        Assert.Contains($"| `Lib.Step.Run(int)` | MaxDuration(\"1s\") | `{Path.Combine(solution, "Lib", "Work.cs")}:14:", report, System.StringComparison.Ordinal);
        Assert.Contains("| `Lib.Work.LaterAsync(int)` | MaxDuration(\"1s\") |", report, System.StringComparison.Ordinal);
        Assert.True(report.IndexOf("## Woven by interceptors", System.StringComparison.Ordinal) > report.IndexOf("Lib.Work.LaterAsync", System.StringComparison.Ordinal), report);
        Assert.False(File.Exists(Path.Combine(intermediate, "vypr-weaving-il.md")), "the weaver's section is consumed by the report");

        string results = Path.Combine(solution, "results");
        DotNetCommand run = await workspace.DotNetAsync(app, new Dictionary<string, string> { ["VYPR_MONITORING"] = "1", [ResultsFile.DirectoryVariable] = results },
            TestContext.Current.CancellationToken, "exec", Path.Combine(app, "bin", "Release", "net10.0", "App.dll"));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("total 13", run.Output);

        RunDocument document = ResultsFile.Read(Assert.Single(Directory.GetFiles(results, "*.json")));
        SpecificationInfo step = Assert.Single(document.Specifications, s => s.Method == "Lib.Step.Run(int)");
        SpecificationInfo later = Assert.Single(document.Specifications, s => s.Method == "Lib.Work.LaterAsync(int)");
        // Three calls of Run (interface, delegate, direct), each timed once, at the method's declaration in Lib.
        VerdictInfo[] runs = document.Verdicts.Where(v => v.SpecificationId == step.Id).ToArray();
        Assert.Equal(3, runs.Length);
        CallSiteInfo site = Assert.Single(document.CallSites, s => s.SpecificationId == step.Id);
        Assert.Equal(("Lib", 14), (site.Assembly, site.Line));
        VerdictInfo awaited = Assert.Single(document.Verdicts, v => v.SpecificationId == later.Id);
        Assert.True(awaited.DurationNanoseconds >= 25_000_000, $"{awaited.DurationNanoseconds}ns: timed until the task completed");
    }
}
