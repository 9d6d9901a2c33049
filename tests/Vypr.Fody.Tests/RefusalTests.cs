using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.Fody.Tests;

/// <summary>
/// A specification the weaver cannot honour is a build error at the method (file and line, Fody's convention), never
/// a method silently left untimed. Builds a small project with the IL backend, inside the repository (so it gets the
/// repository's build settings) but outside any project, against the already-built Vypr projects.
/// </summary>
public sealed class RefusalTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Vypr;

        namespace Refused;

        public static class Sequences
        {
            [MaxDuration("1s")]
            public static IEnumerable<int> Numbers(int count)
            {
                for (int i = 0; i < count; i++)
                {
                    yield return i;
                }
            }

            [MaxDuration("1s")]
            public static async IAsyncEnumerable<int> NumbersAsync(int count)
            {
                await Task.Yield();
                yield return count;
            }

            [MaxDuration("1s")]
            public static async void Forget()
            {
                await Task.Yield();
            }

            [MaxDuration("1s")]
            public static int Fine(int x) => x;
        }
        """;

    [Fact]
    public async Task Iterators_async_iterators_and_async_void_are_refused_at_their_lines()
    {
        string folder = await WeaverBuild.CreateAsync("Refused.csproj", WeaverBuild.IlProject(), "Sequences.cs", Source);
        try
        {

            (int exitCode, string output) = await BuildAsync(folder);

            Assert.NotEqual(0, exitCode);
            // The line is the method's first statement: an iterator's body lives in its state machine.
            Assert.Matches(@"Sequences\.cs\(12,[\d,]+\): error[^\n]*Refused\.Sequences\.Numbers\(int\) cannot be timed in its own body: it is an iterator", output);
            Assert.Matches(@"Sequences\.cs\(21,[\d,]+\): error[^\n]*NumbersAsync\(int\) cannot be timed in its own body: it is an async iterator", output);
            Assert.Matches(@"Sequences\.cs\(28,[\d,]+\): error[^\n]*Forget\(\) cannot be timed in its own body: it is 'async void'", output);
            Assert.DoesNotContain("Fine(int)", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const string VanishingSource = """
        using Vypr;

        namespace Vanished;

        public sealed class Calc
        {
            public int Run(int x)
            {
                int doubled = Twice(x);
                int kept = doubled + 1;
                for (int i = 0; i < x; i++)
                {
                    kept += i;
                }

                return kept;
            }

            public static int Twice(int x) => x * 2;
        }

        public static class CalcSpecifications
        {
            [PerformanceSpecification]
            public static Specification Doubles => Specification
                .For<Calc>(nameof(Calc.Run))
                .Forall("d", Changes.Of("doubled"))
                .Check(d => d.Value() >= 0);

            [PerformanceSpecification]
            public static Specification Keeps => Specification
                .For<Calc>(nameof(Calc.Run))
                .Forall("k", Changes.Of("kept"))
                .Check(k => k.Value() >= 0);
        }
        """;

    [Fact]
    public async Task A_local_the_Release_build_keeps_on_the_evaluation_stack_only_is_reported_at_the_scoped_method()
    {
        // Release: 'doubled' is read once, right after it is written, so the compiler gives it no slot and the PDB no
        // name; 'kept', written in a loop, keeps its slot. Observing 'doubled' in IL is impossible: said at build time.
        // (A local written once and read twice in a row, 'int kept = doubled + 1; return kept + kept;', vanishes too:
        // the compiler duplicates the value on the stack.)
        string folder = await WeaverBuild.CreateAsync("Vanished.csproj", WeaverBuild.IlProject(), "Calc.cs", VanishingSource);
        try
        {

            (_, string output) = await BuildAsync(folder);

            Assert.Matches(@"Calc\.cs\(9,[\d,]+\): (warning|error)[^\n]*P:Vanished\.CalcSpecifications\.Doubles observe\(s\) the changes of 'doubled' in Vanished\.Calc\.Run\(int\), whose compiled code has no such variable", output);
            Assert.DoesNotContain("'kept'", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<(int ExitCode, string Output)> BuildAsync(string folder) => WeaverBuild.RunAsync(folder);
}
