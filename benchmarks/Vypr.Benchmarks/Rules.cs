using System.Runtime.CompilerServices;
using Vypr;

namespace Vypr.Benchmarks;

/// <summary>An interface whose calls dispatch at run time; <see cref="MonitoredRule"/> carries a specification.</summary>
public interface IRule
{
    int Check(int x);
}

/// <summary>The same interface shape with no monitored implementation: its call sites are not intercepted.</summary>
public interface IPlainRule
{
    int Check(int x);
}

/// <summary>A monitored implementation: a call through <see cref="IRule"/> fires the probe when it reaches this type.</summary>
public sealed class MonitoredRule : IRule
{
    [MaxDuration("1s")]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Check(int x) => x + 1;
}

/// <summary>The identical implementation without a specification.</summary>
public sealed class PlainRule : IPlainRule
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Check(int x) => x + 1;
}
