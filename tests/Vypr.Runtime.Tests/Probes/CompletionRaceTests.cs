using System;
using System.Linq;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Runtime.Tests;

/// <summary>
/// An async call's task can complete between the probe's two reads of its state (successfully completed? then:
/// completed at all?). A call that completed successfully in that window used to be recorded as one that threw (seen
/// under load: WovenShapeTests' CountAsync, CompletionTests' ValueTask call). A value task whose source reports
/// "pending" to the first read and "succeeded" to every later one puts the call in that window every time.
/// </summary>
public sealed class CompletionRaceTests
{
    [Fact]
    public async Task A_call_completing_between_the_probes_two_reads_of_its_state_is_recorded_as_completed()
    {
        using TestScope scope = TestScope.Begin("completion race");
        var source = new CompletesAfterFirstLook();

        int value = await Racy(source);

        Assert.Equal(42, value);
        VerdictInfo verdict = Assert.Single(scope.CollectVerdicts());
        Assert.False(verdict.Threw);
    }

    [MaxDuration("10s")]
    internal static ValueTask<int> Racy(CompletesAfterFirstLook source) => new(source, 0);

    internal sealed class CompletesAfterFirstLook : IValueTaskSource<int>
    {
        private int _looks;

        public ValueTaskSourceStatus GetStatus(short token) =>
            ++_looks == 1 ? ValueTaskSourceStatus.Pending : ValueTaskSourceStatus.Succeeded;

        public int GetResult(short token) => 42;

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            continuation(state);
    }
}
