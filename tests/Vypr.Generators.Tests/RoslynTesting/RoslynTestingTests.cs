using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Vypr.Generators.Analyzers;
using Xunit;

namespace Vypr.Generators.Tests.RoslynTesting;

/// <summary>
/// The analyzers and the generator under Roslyn's own test framework (Microsoft.CodeAnalysis.*.Testing): diagnostics
/// located by markup, and a user's annotated code compiled together with what the generator emits, which must add no
/// diagnostic of the compiler's own (CS9148, CS9159 and friends are exactly what a user cannot fix).
/// The compile-and-run tests beside these check what the woven code records; this framework cannot run it.
/// </summary>
public sealed class RoslynTestingTests
{
    [Fact]
    public async Task A_malformed_bound_is_reported_at_its_argument_and_a_wellformed_one_is_not()
    {
        var test = new CSharpAnalyzerTest<SpecificationAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = RoslynTestReferences.Net10,
            TestCode = """
                using Vypr;
                public class Store
                {
                    [MaxDuration({|VYPR0001:"50 parsecs"|})] public void Put() { }
                    [MaxDuration("50ms")] public void Get() { }
                }
                """,
        };
        RoslynTestReferences.AddVypr(test.TestState);

        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Interceptors_for_annotated_value_type_and_generic_calls_compile_without_a_diagnostic()
    {
        var test = new CSharpSourceGeneratorTest<VyprGenerator, DefaultVerifier>
        {
            ReferenceAssemblies = RoslynTestReferences.Net10,
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck,
            TestCode = """
                #nullable enable
                using System.Diagnostics.CodeAnalysis;
                using System.Globalization;
                using Vypr;

                public struct Counter
                {
                    public int Value;
                    [MaxDuration("1s")] public int Add(int n) => Value += n;
                    [MaxDuration("1s")] public readonly int Peek() => Value;
                }

                public static class Parsing
                {
                    [MaxDuration("1s")]
                    public static bool TryRead([NotNullWhen(true)] string? text, [MaybeNullWhen(false)] out string value)
                    {
                        value = text;
                        return text is not null;
                    }

                    [MaxDuration("1s")]
                    public static T First<T>(T[] items) where T : notnull => items[0];
                }

                public static class Program
                {
                    public static string Run(string? input)
                    {
                        var counter = new Counter();
                        counter.Add(2);
                        int seen = counter.Peek();
                        int first = Parsing.First(new[] { seen, 1 });
                        return Parsing.TryRead(input, out string? value) ? value : first.ToString(CultureInfo.InvariantCulture);
                    }
                }
                """,
        };
        RoslynTestReferences.AddVypr(test.TestState);
        test.SolutionTransforms.Add(RoslynTestReferences.WithInterceptors);

        await test.RunAsync(TestContext.Current.CancellationToken);
    }
}
