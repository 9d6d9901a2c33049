namespace Vypr.Runtime.Tests.Probes;

/// <summary>An interface whose monitored implementation is reached through a call site typed as the interface.</summary>
public interface IMeasuredRule
{
    int Check(int n);
}
