using Vypr.Runtime.Monitoring;

namespace Vypr.Runtime.Tests.Formulas;

/// <summary>A formula monitor's verdict sink that only counts, for tests that drive the router and the monitor by hand.</summary>
internal sealed class CountingSink : IFormulaVerdictSink
{
    public long Verdicts { get; private set; }

    public long Violations { get; private set; }

    public void Take(in FormulaVerdict verdict)
    {
        Verdicts++;
        Violations += verdict.Value ? 0 : 1;
    }

    // No satisfied verdict is counted without being built: every verdict reaches Take.
    public bool CountSatisfied(ScopeInvocation invocation, int pointCallSiteId, long durationNanoseconds, bool threw) => false;
}
