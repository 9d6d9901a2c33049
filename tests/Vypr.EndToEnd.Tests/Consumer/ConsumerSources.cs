namespace Vypr.EndToEnd.Tests.Consumer;

/// <summary>
/// The sources of a consumer of Vypr's packages, as a user writes them: a library that multi-targets netstandard2.0
/// and net10.0 with specifications of both kinds, and one test suite that compiles unchanged under xunit v2 and v3.
/// Without Vypr the same code builds with the specifications left out, for the time comparison.
/// </summary>
public static class ConsumerSources
{
    public const string Nullable = "enable";

    public static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="vypr-local" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="vypr-local">
              <package pattern="Vypr" />
              <package pattern="Vypr.*" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """;

    /// <summary>The targets of the multi-targeting library.</summary>
    public const string MultiTargets = "netstandard2.0;net8.0;net10.0";

    /// <summary>The library's project; <paramref name="targets"/> are its target frameworks (netstandard2.0 alone is the common case).</summary>
    /// <remarks>LangVersion is set as a netstandard2.0 library using Vypr must (C# 7.3 is that target's default; VYPR0020).</remarks>
    public static string LibraryProject(string? vyprVersion, string targets = MultiTargets) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFrameworks>{targets}</TargetFrameworks>
            <LangVersion>latest</LangVersion>
            <Nullable>{Nullable}</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <!-- Every diagnostic of each target, information included, for the test to read. -->
            <ErrorLog>$(MSBuildProjectDirectory)/obj/diagnostics-$(TargetFramework).sarif,version=2.1</ErrorLog>
            {(vyprVersion is null ? string.Empty : "<DefineConstants>$(DefineConstants);VYPR</DefineConstants>")}
          </PropertyGroup>
          {(vyprVersion is null ? string.Empty : $"<ItemGroup><PackageReference Include=\"Vypr\" Version=\"{vyprVersion}\" /></ItemGroup>")}
        </Project>
        """;

    public const string Library = """
        using System.Collections.Generic;
        using System.Threading;
        #if VYPR
        using Vypr;
        #endif

        namespace Consumer.Lib
        {
            public static class Work
            {
        #if VYPR
                [MaxDuration("500ms")]
        #endif
                public static int Fast(int x) => x + 1;

        #if VYPR
                [MaxDuration("5ms")]
        #endif
                public static void Slow(int milliseconds) => Thread.Sleep(milliseconds);
            }

            public interface IRule<T, TValue>
            {
                bool Check(T instance, TValue value);
            }

            // A validator library's shape: generic rules reached through a generic interface. Interceptors time the
            // direct calls of the sealed rule; the calls through IRule are counted by VYPR0018 and the weaving report.
            public sealed class NotEmptyRule<T, TValue> : IRule<T, TValue>
            {
        #if VYPR
                [MaxDuration("500ms")]
        #endif
                public bool Check(T instance, TValue value) => value is not null;
            }

            public static class Rules
            {
                public static bool CheckAll<T, TValue>(IEnumerable<IRule<T, TValue>> rules, T instance, TValue value)
                {
                    bool valid = true;
                    foreach (IRule<T, TValue> rule in rules)
                    {
                        valid &= rule.Check(instance, value);
                    }

                    return valid;
                }
            }

            public sealed class Store
            {
                public int Write(string text) => text.Length;
            }

            public sealed class Pipeline
            {
                private readonly Store _store = new Store();

                public int Run(string text) => _store.Write(text.Trim());
            }

            public static class Guard
            {
                public static T NotNull<T>(T value) where T : class => value ?? throw new System.ArgumentNullException(nameof(value));
            }

        #if VYPR
            // A static class cannot be a type argument: its methods are scoped with For(typeof(...), ...).
            public static class GuardSpecifications
            {
                [PerformanceSpecification]
                public static Specification GuardsAreQuick => Specification
                    .For(typeof(Guard), nameof(Guard.NotNull))
                    .Forall("c", Calls.OfScope())
                    .Check(c => c.Duration() < Duration.Milliseconds(500));
            }

            public static class PipelineSpecifications
            {
                [PerformanceSpecification]
                public static Specification WritesAreQuickAndComplete => Specification
                    .For<Pipeline>(nameof(Pipeline.Run))
                    .Forall("t", Calls.To<Store>(nameof(Store.Write)))
                    .Check(t => t.Duration() <= Duration.Milliseconds(500) & t.Result() > 0);
            }
        #endif
        }
        """;

    /// <summary>
    /// The test project; <paramref name="xunitV3"/> picks the framework and the matching integration. With
    /// <paramref name="libraryTarget"/> it tests that build of the library rather than the nearest one (net10.0).
    /// </summary>
    public static string TestProject(bool xunitV3, string? vyprVersion, string? integration = null, string? libraryTarget = null)
    {
        string framework = xunitV3
            ? """<PackageReference Include="xunit.v3" Version="3.2.2" />"""
            : """<PackageReference Include="xunit" Version="2.9.3" />""";
        integration ??= xunitV3 ? "Vypr.Xunit" : "Vypr.Xunit.V2";
        string vypr = vyprVersion is null
            ? string.Empty
            : $"""
              <PackageReference Include="Vypr" Version="{vyprVersion}" />
              <PackageReference Include="{integration}" Version="{vyprVersion}" />
              """;
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                {(xunitV3 ? "<OutputType>Exe</OutputType>" : string.Empty)}
                <Nullable>{Nullable}</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <IsPackable>false</IsPackable>
                <!-- The namespace of the code: Vypr lists it for interceptors, which a private nested fake's calls need. -->
                <RootNamespace>Consumer.Tests</RootNamespace>
                {(vyprVersion is null ? string.Empty : "<DefineConstants>$(DefineConstants);VYPR</DefineConstants>")}
              </PropertyGroup>
              <ItemGroup>
                {framework}
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                {vypr}
                <ProjectReference Include="../Lib/Lib.csproj" {(libraryTarget is null ? string.Empty : $"SetTargetFramework=\"TargetFramework={libraryTarget}\"")} />
              </ItemGroup>
            </Project>
            """;
    }

    public const string Tests = """
        using System.Linq;
        using System.Threading.Tasks;
        using Consumer.Lib;
        using Xunit;

        namespace Consumer.Tests
        {
            public class BoundTests
            {
                [Fact]
                public void Fast_calls_hold_their_bound()
                {
                    for (int i = 0; i < 3; i++)
                    {
                        Assert.Equal(i + 1, Work.Fast(i));
                    }
                }

                [Fact]
                public void A_slow_call_fails_its_test() => Work.Slow(60);

                [Fact]
                public void Static_guards_are_checked() => Assert.Equal("x", Guard.NotNull("x"));

                [Theory]
                [InlineData(1)]
                [InlineData(4)]
                public void Each_row_is_its_own_test(int calls)
                {
                    for (int i = 0; i < calls; i++)
                    {
                        Work.Fast(i);
                    }
                }
            }

            public class ParallelTests
            {
                [Fact]
                public async Task Calls_on_pool_threads_belong_to_this_test()
                {
                    int[] results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Work.Fast(i))));
                    Assert.Equal(8, results.Length);
                }

                [Fact]
                public void The_pipeline_specification_is_checked() => Assert.Equal(5, new Pipeline().Run(" hello "));

                [Fact]
                public void Generic_rules_are_checked_where_they_are_called_directly()
                {
                    var rule = new NotEmptyRule<string, string?>();
                    Assert.True(rule.Check("person", "name"));
                    Assert.False(Rules.CheckAll(new IRule<string, string?>[] { rule }, "person", null));
                }
            }

            // A test's private fake: its calls are intercepted inside the (partial) test class, the only code that can name it.
            public partial class FakeTests
            {
                [Fact]
                public void A_private_fake_is_checked() => Assert.Equal(2, new FakeClock().Tick(1));

                private sealed partial class FakeClock
                {
        #if VYPR
                    [Vypr.MaxDuration("500ms")]
        #endif
                    public int Tick(int x) => x + 1;
                }
            }
        }
        """;
}
