using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Runtime;
using Xunit;

namespace Vypr.EndToEnd.Tests.Consumer;

/// <summary>
/// What the package's build files do with the weaving choice as a user gives it: on the command line
/// (<c>-p:VyprWeaving=IL</c>, a global property that a project file cannot change), and the weaving report after a
/// compilation in which the generator has nothing left to weave (found trying Vypr on FluentValidation,
/// docs/trials/fluentvalidation.md, F1 and F3).
/// </summary>
public sealed class WeavingChoiceConsumerTests(PackedFeedFixture feed) : IClassFixture<PackedFeedFixture>
{
    // Inner's call in Outer (line 5) is woven by interceptors in the library's own compilation.
    private const string Library = """
        using Vypr;

        namespace Lib
        {
            public static class Work { public static int Outer(int x) => Inner(x) + 1;

                [MaxDuration("1s")]
                internal static int Inner(int x) => x * 2;
            }
        }
        """;

    private const string Program = """System.Console.WriteLine($"outer {Lib.Work.Outer(20)}");""";

    private const string LibraryWithoutSpecification = """
        namespace Lib
        {
            public static class Work { public static int Outer(int x) => Inner(x) + 1;

                internal static int Inner(int x) => x * 2;
            }
        }
        """;

    [Fact]
    public async Task A_command_line_IL_choice_leaves_a_netstandard2_0_target_to_interceptors()
    {
        ConsumerWorkspace workspace = feed.Workspace;
        string solution = workspace.CreateLibraryAndApp("command-line-il", "netstandard2.0", Library, Program);
        string app = Path.Combine(solution, "App");

        DotNetCommand build = await workspace.DotNetAsync(app, new Dictionary<string, string>(), TestContext.Current.CancellationToken,
            "build", "-c", "Release", "-p:VyprWeaving=IL");
        Assert.True(build.ExitCode == 0, build.Output);
        // What happens is said at build time, with the fix (VYPR1012); the app's net10.0 target is woven in IL as asked.
        Assert.Contains("warning VYPR1012: VyprWeaving is 'IL', but Lib targets netstandard2.0, below net10.0, where the IL weaver does not run", build.Output);
        Assert.Contains("<TargetFrameworks>netstandard2.0;net10.0</TargetFrameworks>", build.Output);
        Assert.DoesNotContain("App.csproj : warning VYPR1012", build.Output);
        string report = Path.Combine(solution, "Lib", "obj", "Release", "netstandard2.0", "vypr-weaving.md");
        Assert.True(File.Exists(report), "no weaving report in the netstandard2.0 library's obj: "
            + string.Join(", ", Directory.GetFileSystemEntries(Path.GetDirectoryName(report)!, "*", SearchOption.AllDirectories)) + "\n" + build.Output);
        Assert.Contains("1 woven by interceptors, 0 not woven", File.ReadAllText(report));
        Assert.DoesNotContain("Woven in IL", File.ReadAllText(report));

        string results = Path.Combine(solution, "results");
        DotNetCommand run = await workspace.DotNetAsync(app, new Dictionary<string, string> { ["VYPR_MONITORING"] = "1", [ResultsFile.DirectoryVariable] = results },
            TestContext.Current.CancellationToken, "exec", Path.Combine(app, "bin", "Release", "net10.0", "App.dll"));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("outer 41", run.Output);
        Assert.True(Directory.Exists(results), "no results: the netstandard2.0 library was not monitored\n" + run.Output);
        RunDocument document = ResultsFile.Read(Assert.Single(Directory.GetFiles(results, "*.json")));
        SpecificationInfo inner = Assert.Single(document.Specifications, s => s.Method == "Lib.Work.Inner(int)");
        Assert.Single(document.Verdicts, v => v.SpecificationId == inner.Id);
        CallSiteInfo site = Assert.Single(document.CallSites, s => s.SpecificationId == inner.Id);
        Assert.Equal(("Lib", 5), (site.Assembly, site.Line));

        // A build with nothing to compile keeps the report (the compiler did not run, so there is nothing newer to say).
        DotNetCommand again = await workspace.DotNetAsync(app, new Dictionary<string, string>(), TestContext.Current.CancellationToken,
            "build", "-c", "Release", "-p:VyprWeaving=IL");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("1 woven by interceptors", File.ReadAllText(report));
    }

    [Fact]
    public async Task An_IL_choice_in_a_net8_0_library_is_woven_by_interceptors_and_warned_about_with_the_fix()
    {
        ConsumerWorkspace workspace = feed.Workspace;
        string solution = workspace.CreateLibraryAndApp("net8-il", "net8.0", Library, program: null, "<VyprWeaving>IL</VyprWeaving>");
        string library = Path.Combine(solution, "Lib");

        DotNetCommand build = await workspace.DotNetAsync(library, new Dictionary<string, string>(), TestContext.Current.CancellationToken, "build", "-c", "Release");

        // A warning, not an error under TreatWarningsAsErrors (which MSBuild's own warnings do not follow): the target
        // is monitored, by interceptors, as docs/installing.md says; NoWarn silences it.
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("warning VYPR1012: VyprWeaving is 'IL', but Lib targets net8.0, below net10.0", build.Output);
        Assert.Contains("add a net10.0 target: <TargetFrameworks>net8.0;net10.0</TargetFrameworks>", build.Output);
        string report = File.ReadAllText(Path.Combine(library, "obj", "Release", "net8.0", "vypr-weaving.md"));
        Assert.Contains("1 woven by interceptors, 0 not woven", report);
        Assert.DoesNotContain("Woven in IL", report);
    }

    [Fact]
    public async Task The_weaving_report_describes_the_last_compilation_when_nothing_is_left_to_weave()
    {
        ConsumerWorkspace workspace = feed.Workspace;
        string solution = workspace.CreateLibraryAndApp("stale-report", "net10.0", Library, program: null);
        string library = Path.Combine(solution, "Lib");
        string report = Path.Combine(library, "obj", "Release", "net10.0", "vypr-weaving.md");

        DotNetCommand first = await workspace.DotNetAsync(library, new Dictionary<string, string>(), TestContext.Current.CancellationToken, "build", "-c", "Release");
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("Lib.Work.Inner(int)", File.ReadAllText(report));

        // The specification goes: the generator has nothing to weave and emits no report this time.
        File.WriteAllText(Path.Combine(library, "Work.cs"), LibraryWithoutSpecification);
        DotNetCommand second = await workspace.DotNetAsync(library, new Dictionary<string, string>(), TestContext.Current.CancellationToken, "build", "-c", "Release");
        Assert.True(second.ExitCode == 0, second.Output);
        string text = File.ReadAllText(report);
        Assert.DoesNotContain("Inner", text);
        Assert.Contains("No call site of this compilation is woven by interceptors", text);
        Assert.StartsWith("# Vypr weaving report: Lib", text);
    }
}
