using Vypr;

namespace Vypr.Runtime.Tests.Probes;

/// <summary>The monitored implementation of <see cref="IMeasuredRule"/>.</summary>
public sealed class MeasuredRule : IMeasuredRule
{
    [MaxDuration("10s")]
    public int Check(int n) => n + 2;
}
