using System.Linq;
using System.Text.RegularExpressions;
using Vypr.Generators.Tests.Harness;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// The call of a scoped method enters its invocation on the calling thread only when every call in its body runs
/// there while the call lasts; a method whose body may go on later or elsewhere, or that a call may dispatch to
/// another body, is entered in the async flow.
/// </summary>
public sealed class ScopeEntryTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Vypr;

        public static class Specs
        {
            [PerformanceSpecification] public static Specification Sync => Specification.For<W>(nameof(W.Sync))
                .Forall("c", Calls.To<W>(nameof(W.Step))).Check(c => c.Argument("i") < 10);
            [PerformanceSpecification] public static Specification Async => Specification.For<W>(nameof(W.AsyncMethod))
                .Forall("c", Calls.To<W>(nameof(W.Step))).Check(c => c.Argument("i") < 10);
            [PerformanceSpecification] public static Specification TaskReturning => Specification.For<W>(nameof(W.TaskReturning))
                .Forall("c", Calls.To<W>(nameof(W.Step))).Check(c => c.Argument("i") < 10);
            [PerformanceSpecification] public static Specification Iterator => Specification.For<W>(nameof(W.Iterator))
                .Forall("c", Calls.To<W>(nameof(W.Step))).Check(c => c.Argument("i") < 10);
            [PerformanceSpecification] public static Specification Virtual => Specification.For<W>(nameof(W.Virtual))
                .Forall("c", Calls.To<W>(nameof(W.Step))).Check(c => c.Argument("i") < 10);
            [PerformanceSpecification] public static Specification Static => Specification.For<Helpers>(nameof(Helpers.Run))
                .Forall("c", Calls.To<W>(nameof(W.Step))).Check(c => c.Argument("i") < 10);
        }

        public class W
        {
            public int Step(int i) => i;
            public int Sync(int i) => Step(i);
            public async Task<int> AsyncMethod(int i) { await Task.Yield(); return Step(i); }
            public Task<int> TaskReturning(int i) => Task.FromResult(Step(i));
            public IEnumerable<int> Iterator(int i) { yield return Step(i); }
            public virtual int Virtual(int i) => Step(i);
        }

        public sealed class Helpers
        {
            public static int Run(W w, int i) => w.Step(i);
        }

        public static class Program
        {
            public static async Task<int> Main()
            {
                var w = new W();
                int sum = w.Sync(1) + await w.AsyncMethod(2) + await w.TaskReturning(3) + w.Virtual(4) + Helpers.Run(w, 5);
                foreach (int x in w.Iterator(6)) sum += x;
                return sum;
            }
        }
        """;

    [Fact]
    public void Only_synchronous_methods_that_cannot_dispatch_elsewhere_are_entered_on_their_thread()
    {
        GeneratorRun run = TestCompiler.Generate(TestCompiler.Compile(("Scopes.cs", Source)));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputDiagnostics);
        string generated = run.GeneratedSource!;

        // Each scoped method is called once, from Main: one entry per scope, in the order of the registrations.
        string[] entries = Regex.Matches(generated, @"Probe\.(EnterScope\w*)\(VyprRegistrations\.(Scope\d+)\)").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(6, entries.Length);
        Assert.Equal(2, entries.Count(e => e == "EnterScopeOnThread"));
        Assert.Equal(4, entries.Count(e => e == "EnterScope"));
        Assert.Contains("EnterScopeOnThread(VyprRegistrations." + ScopeField(generated, "W.Sync(System.Int32)") + ")", generated);
        Assert.Contains("EnterScopeOnThread(VyprRegistrations." + ScopeField(generated, "Helpers.Run(W,System.Int32)") + ")", generated);
    }

    private static string ScopeField(string generated, string method)
    {
        Match match = Regex.Match(generated, @"int (Scope\d+) = global::Vypr\.Runtime\.MonitorRegistry\.RegisterScope\(""M:" + Regex.Escape(method) + @"~System\.Int32""\)");
        Assert.True(match.Success, $"no registration of {method}");
        return match.Groups[1].Value;
    }
}
