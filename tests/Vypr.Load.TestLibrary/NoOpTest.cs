using System.Threading.Tasks;
using Vypr.Load;

namespace Vypr.Load.TestLibrary;

/// <summary>Does nothing: measures the load runner's own cost (docs/benchmarks.md).</summary>
public sealed class NoOpTest : LoadTest
{
    public override ValueTask RunAsync(FireContext fire) => default;
}
