using System.Runtime.CompilerServices;

namespace Vypr.Benchmarks.Woven;

/// <summary>
/// The same scoped method as Vypr.Benchmarks.Pipeline.RunOnce (one quantified call of Step), woven by IL: the
/// invocation begins and ends in RunOnce's own body and Step's call is observed there (see <see cref="WovenSpecifications"/>).
/// </summary>
public sealed class WovenPipeline
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Step(int x) => x + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int RunOnce(int x) => Step(x);
}
