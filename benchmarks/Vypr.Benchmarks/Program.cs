using BenchmarkDotNet.Running;

namespace Vypr.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/Vypr.Benchmarks -- --filter '*'</c>; with
/// <c>--cpu-time</c>, the CPU-time comparison of the woven and intercepted probes (<see cref="ProbeCpuTime"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--cpu-time")
        {
            return ProbeCpuTime.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
