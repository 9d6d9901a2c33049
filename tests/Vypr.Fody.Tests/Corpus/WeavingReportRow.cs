using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Vypr.Fody.Tests.Corpus;

/// <summary>One row of the call-site table of the generator's weaving report: a call site and whether interceptors wove it.</summary>
/// <param name="Site">File, line and column of the call.</param>
/// <param name="Caller">The member containing the call.</param>
/// <param name="Method">The monitored or scoped method it calls.</param>
/// <param name="Woven">Whether an interceptor times it.</param>
/// <param name="Detail">Why not, when not.</param>
public sealed partial record WeavingReportRow(string Site, string Caller, string Method, bool Woven, string Detail)
{
    /// <summary>The rows of a weaving report's call-site table.</summary>
    public static IReadOnlyList<WeavingReportRow> Parse(string report) => Row().Matches(report)
        .Select(m => new WeavingReportRow(m.Groups["site"].Value, m.Groups["caller"].Value, m.Groups["method"].Value, m.Groups["woven"].Value == "yes", m.Groups["detail"].Value.Trim()))
        .ToArray();

    [GeneratedRegex(@"^\| `(?<site>[^`]*)` \| `(?<caller>[^`]*)` \| `(?<method>[^`]*)` \| (?<woven>yes|no) \|(?<detail>.*)\|\s*$", RegexOptions.Multiline)]
    private static partial Regex Row();
}
