using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Vypr.Runtime;
using Xunit;

namespace Vypr.Fody.Tests.Corpus;

/// <summary>
/// A local of an async scoped method that lives across an await is a field of its state machine, which the compiler
/// clears (writes null into) when the machine finishes or fails. The program never wrote those nulls: under IL they
/// are no changes, while a statement writing null is one. Debug and Release builds both hoist such a local.
/// </summary>
public sealed class AsyncChangeTests
{
    private const string Source = """
        using System;
        using System.Threading.Tasks;
        using Vypr;

        public static class Specs
        {
            [PerformanceSpecification] public static Specification Names => Specification.For<Scope>(nameof(Scope.Run)).Forall("q", Changes.Of("u")).Check(q => q.Value() != "never");
        }

        public sealed class Scope
        {
            public async Task<int> Run()
            {
                string? u = await Name(3);
                await Task.Yield();
                int length = u.Length;
                u = null;
                await Task.Yield();
                return length + (u?.Length ?? 0);
            }

            private static async Task<string> Name(int n)
            {
                await Task.Yield();
                return new string('u', n);
            }
        }

        public static class Program
        {
            public static async Task Run()
            {
                if (await new Scope().Run() != 3) throw new InvalidOperationException("the scoped method did not do what it does unwoven");
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void The_compilers_clears_of_a_hoisted_local_are_not_changes_and_a_written_null_is(OptimizationLevel optimization)
    {
        BackendRun woven = CorpusBuild.Run(Backend.IL, "HoistedChanges" + optimization, Source, optimization);

        // Under IL every write is a change: the awaited result and the statement's null, not the clear at the end.
        Assert.Equal(2, woven.Verdicts.Count(v => MonitorRegistry.Specification(v.SpecificationId).Key == "P:Specs.Names"));
    }

    // Interceptors see the variables assigned a call's result only: the awaited result. It was once skipped: under load
    // the scoped method could resume and end before the awaited call's change was recorded (a task is completed before
    // its continuations run), and the change, coming after its invocation's end, was lost. The interceptor now hands the
    // scoped method a task that completes once the call is recorded (PendingRecord; AwaitedCallOrderTests).
    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Interceptors_see_the_awaited_result_assigned_to_the_changed_variable(OptimizationLevel optimization)
    {
        BackendRun intercepted = CorpusBuild.Run(Backend.Interceptors, "HoistedChanges" + optimization, Source, optimization);
        Assert.Equal(1, intercepted.Verdicts.Count(v => MonitorRegistry.Specification(v.SpecificationId).Key == "P:Specs.Names"));
    }
}
