using System.Globalization;
using System.Threading.Tasks;
using Vypr.Load;

namespace Vypr.Load.TestLibrary;

/// <summary>Records a metric under a new name on every fire (an ID in the name): a mistake the runner must bound.</summary>
public sealed class ManyMetricsTest : LoadTest
{
    public override ValueTask RunAsync(FireContext fire)
    {
        fire.Record("request-" + fire.Sequence.ToString(CultureInfo.InvariantCulture), 1);
        return default;
    }
}
