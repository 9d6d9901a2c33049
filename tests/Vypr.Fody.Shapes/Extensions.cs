using Vypr;

namespace Shapes;

public static class Extensions
{
    [MaxDuration("10s")]
    public static int Doubled(this int x) => x * 2;
}
