using System.Collections.Generic;
using System.Linq;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>The words for <see cref="WeavingGap"/> groups, shared by the weaving summary (VYPR0018) and the weaving report.</summary>
internal static class WeavingGaps
{
    /// <summary>The MSBuild property that selects the IL backend, as a user writes it in a project file.</summary>
    public const string Fix = "<VyprWeaving>IL</VyprWeaving>";

    /// <summary>How many calls fall in each group, largest first: "3 through a generic interface, 1 as a delegate".</summary>
    public static string Summarize(IEnumerable<WeavingGap> gaps) =>
        string.Join(", ", gaps
            .GroupBy(g => g)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key)
            .Select(g => g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + Describe(g.Key, g.Count())));

    private static string Describe(WeavingGap gap, int count) => gap switch
    {
        WeavingGap.GenericInterface => "through a generic interface",
        WeavingGap.GenericVirtual => count == 1 ? "virtual call on a generic type" : "virtual calls on a generic type",
        WeavingGap.GenericCode => "in generic code over type parameters",
        WeavingGap.Delegate => count == 1 ? "as a delegate" : "as delegates",
        WeavingGap.HiddenType => "naming a private nested type of a type that is not partial",
        _ => "for other reasons (base, dynamic or inaccessible)",
    };
}
