using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Mono.Cecil.Cil;

namespace Vypr.Fody.Reporting;

/// <summary>
/// What the IL weaver wove in one assembly, as a section of the project's weaving report (vypr-weaving.md). The
/// generator's part of that report lists call sites woven by interceptors; an assembly woven in IL has its monitored
/// methods time themselves, so without this section its report would read "0 call sites", as if nothing were
/// monitored. The weaver writes the section beside the assembly it weaves; the package's build target puts it into
/// the report and deletes it (Vypr.WeavingReport.targets).
/// </summary>
internal sealed class WeavingReportSection
{
    /// <summary>The section's file, beside the assembly Fody weaves (the intermediate output folder).</summary>
    public const string FileName = "vypr-weaving-il.md";

    private readonly List<(string Method, string WovenFor, string Declared)> _rows = [];
    private int _timed;
    private int _scopes;

    /// <summary>A method timed in its own body for its <c>[MaxDuration]</c> (or <c>[Time]</c>).</summary>
    public void Timed(string method, string specification, SequencePoint? declared)
    {
        _timed++;
        _rows.Add((method, specification, Where(declared)));
    }

    /// <summary>A scoped method of fluent specifications woven in its own body.</summary>
    public void Scope(string method, IEnumerable<string> specifications, SequencePoint? declared)
    {
        _scopes++;
        _rows.Add((method, "scope of " + string.Join(", ", specifications.Select(s => "`" + s + "`")), Where(declared)));
    }

    /// <summary>The section as Markdown.</summary>
    public string Text()
    {
        var text = new StringBuilder();
        text.Append("## Woven in IL\n\n");
        if (_rows.Count == 0)
        {
            text.Append("The IL weaver (VyprWeaving IL or Both) found no method to time (`[MaxDuration]`, `[Time]`) and no scoped method of a fluent specification in this assembly.\n");
            return text.ToString();
        }

        text.Append(string.Format(
            CultureInfo.InvariantCulture,
            "The IL weaver timed {0} method(s) and wove {1} scoped method(s) of fluent specifications in their own bodies: every call of them is observed, whoever makes it (generic code, interfaces, delegates, reflection, other assemblies), so these calls are not call sites of the interceptors' table below.\n\n",
            _timed,
            _scopes));
        text.Append("| Method | Woven for | Declared at |\n|---|---|---|\n");
        foreach ((string method, string wovenFor, string declared) in _rows.OrderBy(r => r.Method, System.StringComparer.Ordinal))
        {
            text.Append("| `").Append(Cell(method)).Append("` | ").Append(Cell(wovenFor)).Append(" | ").Append(declared.Length == 0 ? "-" : "`" + Cell(declared) + "`").Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>Writes the section beside <paramref name="assemblyFilePath"/>.</summary>
    public void WriteBeside(string assemblyFilePath) =>
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(assemblyFilePath) ?? ".", FileName), Text());

    private static string Where(SequencePoint? point) => point is null
        ? string.Empty
        : point.Document.Url + ":" + point.StartLine.ToString(CultureInfo.InvariantCulture) + ":" + point.StartColumn.ToString(CultureInfo.InvariantCulture);

    // A table cell ends at '|' and at a line break.
    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
