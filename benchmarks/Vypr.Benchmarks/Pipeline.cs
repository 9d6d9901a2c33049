using System.Runtime.CompilerServices;

namespace Vypr.Benchmarks;

/// <summary>
/// Identical scoped and plain methods: <see cref="Specifications.StepsAreFast"/> is scoped to <see cref="RunScoped"/>
/// and <see cref="Specifications.OneStepIsFast"/> to <see cref="RunOnce"/>; both quantify over <see cref="Step"/>,
/// so only those methods' calls record formula events.
/// </summary>
public sealed class Pipeline
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Step(int x) => x + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int PlainStep(int x) => x + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int RunScoped(int calls)
    {
        int sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += Step(i);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int RunPlain(int calls)
    {
        int sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += PlainStep(i);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int RunOnce(int x) => Step(x);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int RunOncePlain(int x) => PlainStep(x);
}
