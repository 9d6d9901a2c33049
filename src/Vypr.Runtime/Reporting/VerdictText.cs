using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Vypr.Contracts;

namespace Vypr.Runtime;

/// <summary>Writes verdicts for people: one line per violation, and the summary table of a run.</summary>
internal static class VerdictText
{
    /// <summary>Describes a violation: the specification, where the call was made, and observed against bound.</summary>
    /// <param name="verdict">A verdict (normally a violated one).</param>
    /// <param name="specification">Its specification.</param>
    /// <param name="callSite">Its call site.</param>
    /// <returns>For example <c>MaxDuration("5ms") on Uploader.Store.Put(Payload) at UploadTests.cs:42:9: took 12.3ms, bound 5ms (7.3ms over)</c>.</returns>
    public static string Describe(VerdictInfo verdict, SpecificationInfo specification, CallSiteInfo callSite) =>
        Describe(verdict, specification, callSite, observedAt: null);

    /// <summary>
    /// Describes a verdict. A specification in the language (it has no single bound) is described by the observation
    /// that decided it: the term, its value, the condition, and where the observed call was made.
    /// </summary>
    /// <param name="verdict">A verdict.</param>
    /// <param name="specification">Its specification.</param>
    /// <param name="callSite">Its call site (for a specification in the language, the call of the scoped method).</param>
    /// <param name="observedAt">The call site of the deciding observation, when it has one of its own.</param>
    /// <returns>For example <c>Forall(...).Check(...) on Up.Upload(string) at Tests.cs:29:18: decided by t.Duration() = 20.4ms, &lt;= 5ms, which failed (at Up.cs:20:54)</c>.</returns>
    public static string Describe(VerdictInfo verdict, SpecificationInfo specification, CallSiteInfo callSite, CallSiteInfo? observedAt)
    {
        string threw = verdict.Threw ? ", ended by an exception" : string.Empty;
        if (specification.BoundNanoseconds == 0 && verdict.Observations.Count > 0)
        {
            ObservationInfo deciding = verdict.Observations[0];
            string value = deciding.Unit switch
            {
                "ns" => " = " + DurationText.FormatNanoseconds(deciding.Value),
                "text" => string.Empty,
                _ => " = " + deciding.Value.ToString("R", CultureInfo.InvariantCulture),
            };
            string outcome = deciding.Satisfied ? "held" : "failed";
            string where = observedAt is null ? string.Empty : $" (at {observedAt.Location})";
            return $"{specification.Text} on {specification.Method} at {callSite.Location}: decided by {deciding.Term}{value}, {deciding.Condition}, which {outcome}{where}{threw}";
        }

        string took = DurationText.FormatNanoseconds(verdict.DurationNanoseconds);
        string bound = DurationText.FormatNanoseconds(specification.BoundNanoseconds);
        string margin = DurationText.FormatNanoseconds(System.Math.Abs(verdict.Severity));
        string relation = verdict.Value ? "under" : "over";
        return $"{specification.Text} on {specification.Method} at {callSite.Location}: took {took}, bound {bound} ({margin} {relation}){threw}";
    }

    /// <summary>Describes a verdict using the specifications and call sites registered in this process.</summary>
    /// <param name="verdict">A verdict of this process's run.</param>
    /// <returns>See <see cref="Describe(VerdictInfo, SpecificationInfo, CallSiteInfo)"/>.</returns>
    public static string Describe(VerdictInfo verdict) =>
        Describe(
            verdict,
            MonitorRegistry.Specification(verdict.SpecificationId),
            MonitorRegistry.CallSite(verdict.CallSiteId),
            verdict.Observations is [{ CallSiteId: > 0 } first, ..] ? MonitorRegistry.CallSite(first.CallSiteId) : null);

    /// <summary>
    /// The run's summary: one row per specification and call site with the number of calls, violations and the
    /// observed durations (exact, from <see cref="RunDocument.Summaries"/>), satisfied and violated
    /// specifications alike, and specifications no call reached.
    /// </summary>
    /// <param name="document">The run.</param>
    /// <returns>A plain-text table, ready for a console or a CI log.</returns>
    public static string Table(RunDocument document) => Table(document, MonitorRegistry.UnwovenCalls);

    /// <summary>
    /// The run's summary, where a specification that no call reached but whose calls were left unwoven (see
    /// <see cref="MonitorRegistry.RegisterUnwovenCalls(int, int, string)"/> and <see cref="MonitorRegistry.RegisterUnwovenCalls(string, int, string)"/>) says "not woven" and how many, not "not reached".
    /// </summary>
    /// <param name="document">The run.</param>
    /// <param name="unwoven">The unwoven call sites of a specification, by ID, and the assemblies that report them.</param>
    /// <returns>A plain-text table, ready for a console or a CI log.</returns>
    internal static string Table(RunDocument document, System.Func<int, (int CallSites, IReadOnlyList<string> Assemblies)> unwoven)
    {
        // Plain loops, no LINQ: the table is made once per process, at its end, where each generic LINQ operator over
        // the format's records is compiled just for it and runs unoptimised.
        var rows = new List<string[]> { new[] { "status", "specification", "method", "call site", "calls", "violations", "min", "mean", "max" } };
        var specifications = new Dictionary<int, SpecificationInfo>(document.Specifications.Count);
        foreach (SpecificationInfo specification in document.Specifications)
        {
            specifications.Add(specification.Id, specification);
        }

        var bySite = new Dictionary<int, SiteTotals>();
        foreach (CallSiteSummary summary in document.Summaries)
        {
            if (!bySite.TryGetValue(summary.CallSiteId, out SiteTotals? totals))
            {
                totals = new SiteTotals();
                bySite.Add(summary.CallSiteId, totals);
            }

            totals.Add(summary);
        }

        // By specification, file and line; sites equal on all three keep their order (a stable sort, as OrderBy was).
        IReadOnlyList<CallSiteInfo> callSites = document.CallSites;
        int[] order = new int[callSites.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        System.Array.Sort(order, (a, b) =>
        {
            CallSiteInfo x = callSites[a];
            CallSiteInfo y = callSites[b];
            int compared = x.SpecificationId.CompareTo(y.SpecificationId);
            compared = compared != 0 ? compared : string.Compare(x.File, y.File, System.StringComparison.CurrentCulture);
            compared = compared != 0 ? compared : x.Line.CompareTo(y.Line);
            return compared != 0 ? compared : a.CompareTo(b);
        });

        var reached = new HashSet<int>();
        long calls = 0;
        long violated = 0;
        foreach (int index in order)
        {
            CallSiteInfo site = callSites[index];
            if (!bySite.TryGetValue(site.Id, out SiteTotals? totals) || totals.Calls == 0)
            {
                continue;
            }

            reached.Add(site.SpecificationId);
            calls += totals.Calls;
            violated += totals.Violations;
            rows.Add(
            [
                totals.Violations == 0 ? "ok" : "VIOLATED",
                specifications[site.SpecificationId].Text,
                specifications[site.SpecificationId].Method,
                System.IO.Path.GetFileName(site.File) + ":" + site.Line.ToString(CultureInfo.InvariantCulture) + ":" + site.Column.ToString(CultureInfo.InvariantCulture),
                totals.Calls.ToString(CultureInfo.InvariantCulture),
                totals.Violations.ToString(CultureInfo.InvariantCulture),
                DurationText.FormatNanoseconds(totals.Min),
                DurationText.FormatNanoseconds((double)totals.Total / totals.Calls),
                DurationText.FormatNanoseconds(totals.Max),
            ]);
        }

        int notWoven = 0;
        foreach (SpecificationInfo specification in document.Specifications)
        {
            if (reached.Contains(specification.Id))
            {
                continue;
            }

            // Calls that exist but that no interceptor times are not "not reached": say where they are listed.
            (int unwovenSites, IReadOnlyList<string> assemblies) = unwoven(specification.Id);
            if (unwovenSites > 0)
            {
                notWoven++;
                string sites = unwovenSites == 1 ? "1 call site not woven" : string.Create(CultureInfo.InvariantCulture, $"{unwovenSites} call sites not woven");
                rows.Add(["not woven", specification.Text, specification.Method, $"{sites} (see vypr-weaving.md of {string.Join(", ", assemblies)})", "0", "0", "-", "-", "-"]);
            }
            else
            {
                rows.Add(["not reached", specification.Text, specification.Method, "-", "0", "0", "-", "-", "-"]);
            }
        }

        var text = new StringBuilder();
        AppendAligned(text, rows);
        text.Append(calls.ToString(CultureInfo.InvariantCulture)).Append(calls == 1 ? " verdict" : " verdicts")
            .Append(" on monitored calls (one per call and specification): ")
            .Append((calls - violated).ToString(CultureInfo.InvariantCulture)).Append(" satisfied, ")
            .Append(violated.ToString(CultureInfo.InvariantCulture)).Append(" violated; ")
            .Append(specifications.Count.ToString(CultureInfo.InvariantCulture)).Append(" specifications, ")
            .Append((specifications.Count - reached.Count - notWoven).ToString(CultureInfo.InvariantCulture)).Append(" not reached by any call");
        if (notWoven > 0)
        {
            text.Append(", ").Append(notWoven.ToString(CultureInfo.InvariantCulture)).Append(" with calls not woven (set <VyprWeaving>IL</VyprWeaving> to time them)");
        }

        return text.ToString();
    }

    private static void AppendAligned(StringBuilder text, List<string[]> rows)
    {
        int[] widths = new int[rows[0].Length];
        foreach (string[] row in rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = System.Math.Max(widths[i], row[i].Length);
            }
        }

        for (int r = 0; r < rows.Count; r++)
        {
            for (int i = 0; i < rows[r].Length; i++)
            {
                bool numeric = i >= 4;
                string cell = numeric ? rows[r][i].PadLeft(widths[i]) : rows[r][i].PadRight(widths[i]);
                text.Append(cell).Append(i == rows[r].Length - 1 ? string.Empty : "  ");
            }

            text.AppendLine();
            if (r == 0)
            {
                int width = 2 * (widths.Length - 1);
                foreach (int column in widths)
                {
                    width += column;
                }

                text.AppendLine(new string('-', width));
            }
        }
    }

    /// <summary>One call site's statistics over every test that reached it.</summary>
    private sealed class SiteTotals
    {
        public long Calls { get; private set; }

        public long Violations { get; private set; }

        public long Min { get; private set; } = long.MaxValue;

        public long Max { get; private set; } = long.MinValue;

        public long Total { get; private set; }

        public void Add(CallSiteSummary summary)
        {
            Calls += summary.Calls;
            Violations += summary.Violations;
            Min = System.Math.Min(Min, summary.MinNanoseconds);
            Max = System.Math.Max(Max, summary.MaxNanoseconds);
            Total += summary.TotalNanoseconds;
        }
    }
}
