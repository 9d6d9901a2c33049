namespace Vypr.Runtime.Tests.WholePath;

/// <summary>
/// Methods whose parameter is a change the specifications below observe: calling one makes the real generated probe
/// capture the argument, and the monitor decide a verdict whose observation carries it.
/// </summary>
public sealed class CapturedValues
{
    public double Double(double n) => n;

    public long Long(long n) => n;

    public int Int(int n) => n;

    public decimal Decimal(decimal n) => n;

    public float Single(float n) => n;

    public string? Text(string? s) => s;

    public double Divide(double n) => n;
}
