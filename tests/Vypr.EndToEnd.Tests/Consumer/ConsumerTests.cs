using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Text.Json;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using Vypr.Contracts;
using Vypr.Runtime;
using Vypr.Runtime.Runs;
using Xunit;

namespace Vypr.EndToEnd.Tests.Consumer;

/// <summary>
/// Vypr as a user gets it: packages from a local feed, a multi-targeting library with both kinds of specification,
/// and test projects on xunit v2 and v3 with warnings as errors, built and run as separate processes.
/// </summary>
public sealed class ConsumerTests(ConsumerFixture consumer) : IClassFixture<ConsumerFixture>
{
    private const string Tests = "Consumer.Tests.";
    private const string PassingTest = "FullyQualifiedName~Fast_calls_hold_their_bound";
    private const string CountLine = "Vypr: 3 verdicts on monitored calls (one per call and specification), 0 violated their specification.";
    private const string OkLine = @"ok MaxDuration(""500ms"") on Consumer.Lib.Work.Fast(int) at ";

    [Theory]
    [InlineData("v2")]
    [InlineData("v3")]
    [InlineData(ConsumerFixture.NetStandardOnlyFolder)]
    [InlineData(ConsumerFixture.MultiTargetNetStandardFolder)]
    public void The_packages_restore_from_the_local_feed_and_build_warning_free_for_every_target(string framework)
    {
        ConsumerRun run = RunOf(framework);
        string solution = Path.Combine(consumer.Workspace.Root, framework);
        string assets = File.ReadAllText(Path.Combine(solution, "Tests", "obj", "project.assets.json"));
        Assert.Contains($"\"Vypr/{consumer.Workspace.Version}\"", assets);
        Assert.Contains(framework.EndsWith("v3", StringComparison.Ordinal) ? $"\"Vypr.Xunit/{consumer.Workspace.Version}\"" : $"\"Vypr.Xunit.V2/{consumer.Workspace.Version}\"", assets);
        Assert.Contains("0 Warning(s)", run.LibraryBuild.Output);
        Assert.Contains("0 Warning(s)", run.Build.Output);

        // Every target is woven: its calls reach the runtime's probes (the netstandard2.0 build compiles against the
        // runtime's netstandard2.0 build and runs here on the net10.0 one).
        string bin = Path.Combine(solution, "Lib", "bin", "Release");
        string[] netStandard = ReferencedAssemblies(Path.Combine(bin, "netstandard2.0", "Lib.dll"));
        Assert.Contains("Vypr.Specs", netStandard);
        Assert.Contains("Vypr.Runtime", netStandard);
        Assert.Contains("netstandard", netStandard);
        Assert.Equal(framework != ConsumerFixture.NetStandardOnlyFolder, Directory.Exists(Path.Combine(bin, "net10.0")));
        if (framework != ConsumerFixture.NetStandardOnlyFolder)
        {
            Assert.Contains("Vypr.Runtime", ReferencedAssemblies(Path.Combine(bin, "net10.0", "Lib.dll")));

            // net8.0 (warnings as errors, like the others) is woven against the runtime's netstandard2.0 build: the
            // package has netstandard2.0 and net10.0 builds, and the nearest to net8.0 is netstandard2.0.
            Assert.Contains("Vypr.Runtime", ReferencedAssemblies(Path.Combine(bin, "net8.0", "Lib.dll")));
            using JsonDocument libraryAssets = JsonDocument.Parse(File.ReadAllText(Path.Combine(solution, "Lib", "obj", "project.assets.json")));
            JsonElement vyprOnNet8 = libraryAssets.RootElement.GetProperty("targets").GetProperty("net8.0").GetProperty($"Vypr/{consumer.Workspace.Version}");
            Assert.Contains(vyprOnNet8.GetProperty("runtime").EnumerateObject(), p => p.Name == "lib/netstandard2.0/Vypr.Runtime.dll");
        }

        // The build the tests ran against: netstandard2.0 for the two consumers that test it, net10.0 otherwise.
        string tested = Path.Combine(solution, "Tests", "bin", "Release", "net10.0", "Lib.dll");
        Assert.Equal(framework is "v2" or "v3" ? ".NETCoreApp,Version=v10.0" : ".NETStandard,Version=v2.0", TargetFrameworkOf(tested));
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v3")]
    [InlineData(ConsumerFixture.NetStandardOnlyFolder)]
    [InlineData(ConsumerFixture.MultiTargetNetStandardFolder)]
    public void A_violation_fails_its_test_and_only_that_test(string framework)
    {
        ConsumerRun run = RunOf(framework);

        Assert.NotEqual(0, run.Test.ExitCode);
        Assert.Contains("PerformanceSpecificationException", run.Test.Output);
        Assert.Contains("1 call violated its performance specification:", run.Test.Output);
        Assert.Matches(@"MaxDuration\(""5ms""\) on Consumer\.Lib\.Work\.Slow\(int\) at .*Tests\.cs:\d+:\d+: took ", run.Test.Output);

        RunDocument results = Assert.IsType<RunDocument>(run.Results);
        Assert.Equal(9, results.Tests.Count);
        TestInfo slow = Assert.Single(results.Tests, t => t.Outcome == "Failed");
        Assert.Equal(Tests + "BoundTests.A_slow_call_fails_its_test", slow.Name);
        Assert.All(results.Tests.Where(t => t != slow), t => Assert.Equal("Passed", t.Outcome));

        VerdictInfo violation = Assert.Single(results.Verdicts, v => !v.Value);
        Assert.Equal(slow.Id, violation.TestId);
        Assert.Equal("Consumer.Lib.Work.Slow(int)", results.Specifications.Single(s => s.Id == violation.SpecificationId).Method);
        Assert.True(violation.DurationNanoseconds > 5_000_000);
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v3")]
    [InlineData(ConsumerFixture.NetStandardOnlyFolder)]
    [InlineData(ConsumerFixture.MultiTargetNetStandardFolder)]
    public void Every_verdict_lands_on_the_test_or_theory_row_that_made_the_call(string framework)
    {
        RunDocument results = Assert.IsType<RunDocument>(RunOf(framework).Results);
        Dictionary<int, string> tests = results.Tests.ToDictionary(t => t.Id, t => t.Name);
        Assert.All(results.Verdicts, v => Assert.True(tests.ContainsKey(v.TestId), $"verdict {v.Sequence} has no test"));

        int fast = results.Specifications.Single(s => s.Method == "Consumer.Lib.Work.Fast(int)").Id;
        Dictionary<string, int> fastCallsByTest = results.Verdicts.Where(v => v.SpecificationId == fast)
            .GroupBy(v => tests[v.TestId])
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(
            new Dictionary<string, int>
            {
                [Tests + "BoundTests.Fast_calls_hold_their_bound"] = 3,
                [Tests + "BoundTests.Each_row_is_its_own_test(calls: 1)"] = 1,
                [Tests + "BoundTests.Each_row_is_its_own_test(calls: 4)"] = 4,
                [Tests + "ParallelTests.Calls_on_pool_threads_belong_to_this_test"] = 8,
            },
            fastCallsByTest);
        Assert.All(results.Verdicts.Where(v => v.SpecificationId == fast), v => Assert.True(v.Value));

        // The fluent specification: checked per call of the scoped method, on the test that called it, with its
        // observations read from the call inside it.
        SpecificationInfo pipeline = Assert.Single(results.Specifications, s => s.Key.EndsWith("PipelineSpecifications.WritesAreQuickAndComplete", StringComparison.Ordinal));
        VerdictInfo checkedPipeline = Assert.Single(results.Verdicts, v => v.SpecificationId == pipeline.Id);
        Assert.True(checkedPipeline.Value);
        Assert.Equal(Tests + "ParallelTests.The_pipeline_specification_is_checked", tests[checkedPipeline.TestId]);
        Assert.Equal(["t.Duration()", "t.Result()"], checkedPipeline.Observations.Select(o => o.Term).Order().ToArray());
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v3")]
    [InlineData(ConsumerFixture.NetStandardOnlyFolder)]
    [InlineData(ConsumerFixture.MultiTargetNetStandardFolder)]
    public void The_results_file_and_verdict_table_are_written_once_per_run(string framework)
    {
        ConsumerRun run = RunOf(framework);
        string results = Path.Combine(consumer.Workspace.Root, framework, "results");
        string json = Assert.Single(Directory.GetFiles(results, "*.json"));
        Assert.StartsWith("vypr-Tests-", Path.GetFileName(json));
        string table = File.ReadAllText(Path.ChangeExtension(json, ".txt"));
        Assert.Matches(@"VIOLATED\s+MaxDuration\(""5ms""\)\s+Consumer\.Lib\.Work\.Slow\(int\)", table);
        Assert.Contains("6 specifications, 0 not reached by any call", table);
        Assert.Equal("Tests", run.Results!.Run.Assembly);
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v3")]
    [InlineData(ConsumerFixture.NetStandardOnlyFolder)]
    [InlineData(ConsumerFixture.MultiTargetNetStandardFolder)]
    public void Generic_interface_calls_are_counted_once_and_reported_and_static_scopes_are_woven(string framework)
    {
        string solution = Path.Combine(consumer.Workspace.Root, framework);
        const string check = "Consumer.Lib.NotEmptyRule<T, TValue>.Check(T, TValue)";

        // The library: one information diagnostic at the monitored method, nothing per call, the build green (the
        // other notes are VYPR0016: the library never calls its scoped methods, its tests do).
        string target = framework == ConsumerFixture.NetStandardOnlyFolder ? "netstandard2.0" : "net10.0";
        using JsonDocument sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(solution, "Lib", "obj", $"diagnostics-{target}.sarif")));
        JsonElement[] vypr = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("ruleId").GetString()!.StartsWith("VYPR", StringComparison.Ordinal))
            .ToArray();
        Assert.All(vypr, r => Assert.Equal("note", r.GetProperty("level").GetString()));
        Assert.Equal(["VYPR0016", "VYPR0016", "VYPR0018"], vypr.Select(r => r.GetProperty("ruleId").GetString()!).Order(StringComparer.Ordinal).ToArray());
        JsonElement summary = Assert.Single(vypr, r => r.GetProperty("ruleId").GetString() == "VYPR0018");
        Assert.StartsWith(
            $"1 call of '{check}' in this compilation cannot be timed by interceptors (1 through a generic interface); set <VyprWeaving>IL</VyprWeaving>",
            summary.GetProperty("message").GetProperty("text").GetString(),
            StringComparison.Ordinal);
        Assert.EndsWith("Work.cs", summary.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);

        // The library's weaving report: the call through IRule, not woven, and why (the other site is the call of
        // Store.Write inside the scoped Pipeline.Run, woven for the fluent specification).
        string libraryReport = File.ReadAllText(Path.Combine(solution, "Lib", "obj", "Release", target, "vypr-weaving.md"));
        Assert.StartsWith("# Vypr weaving report: Lib\n", libraryReport.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("2 call sites reach a monitored or scoped method: 1 woven by interceptors, 1 not woven.", libraryReport);
        Assert.Contains($"| `{check}` | 1 | 1 through a generic interface |", libraryReport);
        Assert.Matches(
            @"\| `[^`]*Work\.cs:\d+:\d+` \| `Consumer\.Lib\.Rules\.CheckAll<T, TValue>\([^`]*\)` \| `Consumer\.Lib\.NotEmptyRule<T, TValue>\.Check\(T, TValue\)` \| no \| the call goes through the interface member 'Consumer\.Lib\.IRule<T, TValue>\.Check\(T, TValue\)'",
            libraryReport);
        // netstandard2.0 and net8.0 are woven like net10.0: the same sites, the same decisions.
        Assert.Equal(libraryReport, File.ReadAllText(Path.Combine(solution, "Lib", "obj", "Release", "netstandard2.0", "vypr-weaving.md")));
        if (framework != ConsumerFixture.NetStandardOnlyFolder)
        {
            Assert.Equal(libraryReport, File.ReadAllText(Path.Combine(solution, "Lib", "obj", "Release", "net8.0", "vypr-weaving.md")));
        }

        // The test project's report: the direct call of the sealed rule is woven, like the calls of Work.
        string testsReport = File.ReadAllText(Path.Combine(solution, "Tests", "obj", "Release", "net10.0", "vypr-weaving.md"));
        Assert.Contains("0 not woven.", testsReport);
        Assert.Matches(
            @"\| `[^`]*Tests\.cs:\d+:\d+` \| `Consumer\.Tests\.ParallelTests\.Generic_rules_are_checked_where_they_are_called_directly\(\)` \| `Consumer\.Lib\.NotEmptyRule<T, TValue>\.Check\(T, TValue\)` \| yes \| intercepted \|",
            testsReport);

        // The static method's scope, named with For(typeof(Guard), ...), is woven where the test calls it...
        Assert.Matches(
            @"\| `[^`]*Tests\.cs:\d+:\d+` \| `Consumer\.Tests\.BoundTests\.Static_guards_are_checked\(\)` \| `scope of a fluent specification: Consumer\.Lib\.Guard\.NotNull<T>\(T\)` \| yes \| intercepted \|",
            testsReport);
        RunDocument results = Assert.IsType<RunDocument>(RunOf(framework).Results);
        SpecificationInfo guards = Assert.Single(results.Specifications, s => s.Key.EndsWith("GuardSpecifications.GuardsAreQuick", StringComparison.Ordinal));
        VerdictInfo guarded = Assert.Single(results.Verdicts, v => v.SpecificationId == guards.Id);
        Assert.True(guarded.Value);
        Assert.Equal(Tests + "BoundTests.Static_guards_are_checked", results.Tests.Single(t => t.Id == guarded.TestId).Name);

        // ...and the generic rule's direct call is checked at run time, on its test.
        int rule = results.Specifications.Single(s => s.Method == check).Id;
        VerdictInfo verdict = Assert.Single(results.Verdicts, v => v.SpecificationId == rule);
        Assert.True(verdict.Value);
        Assert.Equal(Tests + "ParallelTests.Generic_rules_are_checked_where_they_are_called_directly", results.Tests.Single(t => t.Id == verdict.TestId).Name);
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v3")]
    [InlineData(ConsumerFixture.NetStandardOnlyFolder)]
    [InlineData(ConsumerFixture.MultiTargetNetStandardFolder)]
    public void A_private_nested_fake_of_a_partial_test_class_is_woven_and_checked_on_its_test(string framework)
    {
        RunDocument results = Assert.IsType<RunDocument>(RunOf(framework).Results);
        SpecificationInfo tick = Assert.Single(results.Specifications, s => s.Method == "Consumer.Tests.FakeTests.FakeClock.Tick(int)");
        VerdictInfo verdict = Assert.Single(results.Verdicts, v => v.SpecificationId == tick.Id);
        Assert.True(verdict.Value);
        Assert.Equal(Tests + "FakeTests.A_private_fake_is_checked", results.Tests.Single(t => t.Id == verdict.TestId).Name);
    }

    [Fact]
    public async Task A_library_packed_with_Vypr_depends_on_it_for_every_target_without_its_analyzers_and_build_assets()
    {
        string library = Path.Combine(consumer.Workspace.Root, "v2", "Lib");
        string packed = Path.Combine(consumer.Workspace.Root, "v2", "packed");

        // Prerelease, as the Vypr it depends on (a stable package with a prerelease dependency is NU5104, an error here).
        DotNetCommand pack = await consumer.Workspace.DotNetAsync(library, new Dictionary<string, string>(), TestContext.Current.CancellationToken,
            "pack", "--no-build", "--no-restore", "-c", "Release", "-o", packed, "-p:Version=1.0.0-e2e");
        Assert.True(pack.ExitCode == 0, pack.Output);

        using ZipArchive package = ZipFile.OpenRead(Path.Combine(packed, "Lib.1.0.0-e2e.nupkg"));
        using Stream nuspec = package.Entries.Single(e => e.FullName == "Lib.nuspec").Open();
        XDocument manifest = XDocument.Load(nuspec);
        XElement[] groups = manifest.Descendants().Where(e => e.Name.LocalName == "group").ToArray();
        Assert.Equal([".NETStandard2.0", "net10.0", "net8.0"], groups.Select(g => (string)g.Attribute("targetFramework")!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(groups, group =>
        {
            // The runtime and the buildTransitive settings flow to the library's users (its woven code calls the
            // runtime); the generator and analyzers do not run in their builds.
            XElement vypr = Assert.Single(group.Elements(), e => (string?)e.Attribute("id") == "Vypr");
            Assert.Equal(consumer.Workspace.Version, (string?)vypr.Attribute("version"));
            Assert.Equal("Build,Analyzers", (string?)vypr.Attribute("exclude"));
        });
        Assert.Contains(package.Entries, e => e.FullName == "lib/net8.0/Lib.dll");
    }

    [Theory]
    [InlineData("Vypr", new[] { "Vypr.Contracts", "Vypr.Runtime", "Vypr.Specs" })]
    [InlineData("Vypr.Xunit", new[] { "Vypr.Xunit" })]
    [InlineData("Vypr.Xunit.V2", new[] { "Vypr.Xunit.V2" })]
    public void The_packages_carry_linux_x64_ReadyToRun_code_for_net10_0_with_its_IL_and_only_IL_for_netstandard2_0(string id, string[] assemblies)
    {
        // A suite of about a second never tiers a method up: precompiled code is what keeps Vypr's fixed cost per test
        // process low (docs/benchmarks.md, "Session 6 (suitecost)"). The IL stays, for every other platform.
        using ZipArchive package = ZipFile.OpenRead(Path.Combine(consumer.Workspace.Feed, $"{id}.{consumer.Workspace.Version}.nupkg"));
        Assert.Equal(assemblies, package.Entries.Where(e => e.FullName.StartsWith("lib/net10.0/", StringComparison.Ordinal) && e.Name.EndsWith(".dll", StringComparison.Ordinal))
            .Select(e => Path.GetFileNameWithoutExtension(e.Name)).Order(StringComparer.Ordinal).ToArray());
        foreach (ZipArchiveEntry entry in package.Entries.Where(e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) && e.Name.EndsWith(".dll", StringComparison.Ordinal)))
        {
            using var copy = new MemoryStream();
            using (Stream stream = entry.Open())
            {
                stream.CopyTo(copy);
            }

            copy.Position = 0;
            using var pe = new PEReader(copy);
            CorHeader header = pe.PEHeaders.CorHeader!;
            bool readyToRun = header.ManagedNativeHeaderDirectory.Size > 0;
            Assert.True(readyToRun == entry.FullName.StartsWith("lib/net10.0/", StringComparison.Ordinal), $"{entry.FullName}: ReadyToRun {readyToRun}");
            // Still a complete IL assembly: every method has its body, whatever the platform.
            MetadataReader metadata = pe.GetMetadataReader();
            Assert.All(metadata.MethodDefinitions.Select(metadata.GetMethodDefinition).Where(m => m.RelativeVirtualAddress != 0),
                m => Assert.True(pe.GetMethodBody(m.RelativeVirtualAddress).Size > 0));
            if (readyToRun)
            {
                // linux-x64: the machine is AMD64 (0x8664) XOR the Linux marker (0x7B79) in a ReadyToRun image.
                Assert.Equal(0x8664 ^ 0x7B79, (int)pe.PEHeaders.CoffHeader.Machine);
            }
        }
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v3")]
    public async Task A_passing_test_shows_its_count_line_and_its_ok_lines_only_when_asked(string framework)
    {
        DotNetCommand summary = await RunPassingTestAsync(framework, setting: null);
        Assert.True(summary.ExitCode == 0, summary.Output);
        Assert.Contains(CountLine, summary.Output);
        Assert.DoesNotContain(OkLine, summary.Output);

        DotNetCommand detailed = await RunPassingTestAsync(framework, "Detailed");
        Assert.True(detailed.ExitCode == 0, detailed.Output);
        Assert.Contains(CountLine, detailed.Output);
        Assert.Matches(Regex.Escape(OkLine) + @"\S*Tests\.cs:\d+:\d+: 3 calls, slowest ", detailed.Output);
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v3")]
    public async Task A_misspelt_setting_fails_the_run_and_names_the_variable(string framework)
    {
        DotNetCommand run = await RunPassingTestAsync(framework, "detail");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"test output 'detail' (from {TestOutputSetting.EnvironmentVariable}) is not 'summary' or 'detailed'", run.Output);
    }

    [Fact]
    public void The_generator_in_the_package_is_IL_only_so_any_compiler_host_loads_it()
    {
        // Not precompiled: a ReadyToRun image for one platform has that platform's machine type and is 64-bit, and
        // compiler hosts on other platforms, 32-bit ones and those that load analyzers from bytes are known to refuse
        // such an image (docs/benchmarks.md, "Session 8 (buildcost8)"); a generator that does not load weaves nothing.
        using ZipArchive package = ZipFile.OpenRead(Path.Combine(consumer.Workspace.Feed, $"Vypr.{consumer.Workspace.Version}.nupkg"));
        ZipArchiveEntry generator = Assert.Single(package.Entries, e => e.FullName.StartsWith("analyzers/", StringComparison.Ordinal) && e.Name.EndsWith(".dll", StringComparison.Ordinal));
        Assert.Equal("analyzers/dotnet/cs/Vypr.Generators.dll", generator.FullName);
        using var copy = new MemoryStream();
        using (Stream stream = generator.Open())
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        using var pe = new PEReader(copy);
        Assert.Equal(0, pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
        Assert.True((pe.PEHeaders.CorHeader.Flags & CorFlags.ILOnly) != 0, "the generator is not IL only");
        Assert.Equal(Machine.I386, pe.PEHeaders.CoffHeader.Machine);
        Assert.True(pe.PEHeaders.IsDll && pe.PEHeaders.PEHeader!.Magic == PEMagic.PE32, "the generator is not an AnyCPU PE32 image");
    }

    private ConsumerRun RunOf(string framework) => framework switch
    {
        "v2" => consumer.V2,
        "v3" => consumer.V3,
        ConsumerFixture.NetStandardOnlyFolder => consumer.NetStandardOnly,
        _ => consumer.MultiTargetNetStandard,
    };

    private static string TargetFrameworkOf(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        MetadataReader metadata = pe.GetMetadataReader();
        foreach (CustomAttributeHandle handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            CustomAttribute attribute = metadata.GetCustomAttribute(handle);
            var constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            var type = metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent);
            if (metadata.GetString(type.Name) == "TargetFrameworkAttribute")
            {
                // The blob: prolog (2 bytes), then the framework name as a serialized string.
                BlobReader blob = metadata.GetBlobReader(attribute.Value);
                blob.ReadUInt16();
                return blob.ReadSerializedString()!;
            }
        }

        throw new InvalidOperationException($"{path} has no TargetFrameworkAttribute");
    }

    private static string[] ReferencedAssemblies(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        MetadataReader metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name)).ToArray();
    }

    private async Task<DotNetCommand> RunPassingTestAsync(string framework, string? setting)
    {
        // Results of these runs go to a folder of their own: the fixture's results/ holds its one run's file.
        string results = Path.Combine(consumer.Workspace.Root, framework, "results-output-" + (setting ?? "default"));
        var environment = new Dictionary<string, string> { [ResultsFile.DirectoryVariable] = results };
        if (setting is not null)
        {
            environment[TestOutputSetting.EnvironmentVariable] = setting;
        }

        return await consumer.Workspace.DotNetAsync(
            Path.Combine(consumer.Workspace.Root, framework, "Tests"),
            environment,
            TestContext.Current.CancellationToken,
            "test", "--no-build", "-c", "Release", "--filter", PassingTest, "--logger", "console;verbosity=detailed");
    }
}
