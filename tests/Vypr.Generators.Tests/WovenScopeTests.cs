using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Vypr.Generators.Tests.Harness;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// With VyprWeaving IL or Both, a scoped method this project declares is woven in its own body by Vypr.Fody: the
/// generator, still the one reader of specifications, describes what to record there (assembly metadata
/// <c>Vypr.WovenScope</c>, which the weaver reads and removes) and intercepts neither the scoped method's calls nor
/// the calls in its body, so nothing is recorded twice. Under Interceptors nothing changes.
/// </summary>
public sealed class WovenScopeTests
{
    private const string Source = """
        using System.Threading.Tasks;
        using Vypr;

        public sealed class Store
        {
            public long Write(string name, byte[] data) => data.Length;
        }

        public sealed class Uploader
        {
            private readonly Store _store = new();
            private int _count;

            public long Upload(string name, byte[] data)
            {
                byte[] packed = Pack(data);
                _count++;
                return _store.Write(name, packed);
            }

            private static byte[] Pack(byte[] data) => data;
        }

        public static class Specs
        {
            [PerformanceSpecification]
            public static Specification Writes => Specification.For<Uploader>(nameof(Uploader.Upload))
                .Forall("p", Changes.Of("packed"))
                .Forall("w", Calls.To<Store>(nameof(Store.Write)).After("p"))
                .Check((p, w) => w.Duration() < Duration.Milliseconds(50) & w.Result() == p.Value().Length() & w.Argument("name") == "a");

            [PerformanceSpecification]
            public static Specification Uploads => Specification.For<Uploader>(nameof(Uploader.Upload))
                .Forall("u", Calls.OfScope())
                .Forall("n", Changes.Of("name"))
                .Check((u, n) => u.Argument("data").Length() < 10 & n.Value() == "a");
        }

        public static class Program
        {
            public static long Main() => new Uploader().Upload("a", [1, 2]);
        }
        """;

    [Theory]
    [InlineData("IL")]
    [InlineData("Both")]
    public void Under_IL_the_scope_is_described_to_the_weaver_and_neither_its_calls_nor_its_body_are_intercepted(string weaving)
    {
        GeneratorRun run = TestCompiler.Generate(TestCompiler.Compile(("Upload.cs", Source)), new Dictionary<string, string> { ["VyprWeaving"] = weaving });
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputDiagnostics);

        // Read back as the weaver reads it: the compiled assembly's metadata, one per specification.
        string[] descriptions = run.Output.Assembly.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == "System.Reflection.AssemblyMetadataAttribute" && (string?)a.ConstructorArguments[0].Value == "Vypr.WovenScope")
            .Select(a => (string)a.ConstructorArguments[1].Value!)
            .OrderBy(d => d, System.StringComparer.Ordinal)
            .ToArray();
        const string Scope = "M:Uploader.Upload(System.String,System.Byte[])~System.Int64";
        Assert.Equal(
            [
                string.Join("\n",
                    $"spec\tP:Specs.Uploads\t{Scope}\targ:data#length",
                    "parameter\tname\tvalue",
                    "change\tname\tvalue"),
                string.Join("\n",
                    $"spec\tP:Specs.Writes\t{Scope}\t",
                    "call\tM:Store.Write(System.String,System.Byte[])~System.Int64\tWrite\tStore\targ:name,result",
                    "change\tpacked\tvalue#length"),
            ],
            descriptions);

        // No interceptor begins an invocation or records an event: the registrations of the formulas remain.
        string generated = run.GeneratedSource!;
        Assert.DoesNotContain("EnterScope", generated, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Probe.Event", generated, System.StringComparison.Ordinal);
        Assert.DoesNotContain("InterceptsLocation(", generated, System.StringComparison.Ordinal);
        Assert.Contains("RegisterFormula(\"P:Specs.Writes\"", generated, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Under_interceptors_the_scope_is_intercepted_and_not_described()
    {
        GeneratorRun run = TestCompiler.Generate(TestCompiler.Compile(("Upload.cs", Source)));
        Assert.Empty(run.OutputDiagnostics);

        Assert.DoesNotContain("Vypr.WovenScope", run.GeneratedSource!, System.StringComparison.Ordinal);
        Assert.Contains("EnterScope", run.GeneratedSource!, System.StringComparison.Ordinal);
    }
}
