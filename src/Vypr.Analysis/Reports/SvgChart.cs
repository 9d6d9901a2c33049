using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using Vypr.Analysis.History;

namespace Vypr.Analysis.Reports;

/// <summary>
/// Small charts as inline SVG, so an HTML report opens with no network and no script: two runs' distributions side by
/// side, a metric's history with its change points marked. Values are drawn on a log scale (ratios look alike
/// whatever the magnitude).
/// </summary>
public static class SvgChart
{
    private const int Width = 640;
    private const int Left = 70;
    private const int Right = 20;

    /// <summary>Two samples as rows of dots on a shared log axis, each with its median marked.</summary>
    /// <param name="baseValues">The base side's values.</param>
    /// <param name="headValues">The head side's values.</param>
    /// <param name="unit">The values' unit, for the axis.</param>
    /// <returns>An <c>&lt;svg&gt;</c> element.</returns>
    public static string Distributions(IReadOnlyList<double> baseValues, IReadOnlyList<double> headValues, string unit)
    {
        ArgumentNullException.ThrowIfNull(baseValues);
        ArgumentNullException.ThrowIfNull(headValues);
        double[] a = Usable(baseValues);
        double[] b = Usable(headValues);
        const int height = 110;
        var svg = Open(height, "base and head distributions");
        if (a.Length == 0 || b.Length == 0)
        {
            return svg.Append("<text x=\"10\" y=\"20\">no positive finite values</text></svg>").ToString();
        }

        (double lo, double hi) = Range(a.Concat(b));
        Row(svg, a, lo, hi, 30, "base", "#4a78c2");
        Row(svg, b, lo, hi, 70, "head", "#d0612e");
        Axis(svg, lo, hi, height - 12, unit);
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A metric's history as a line of run values, change points as vertical lines, runs before the baseline greyed.</summary>
    /// <param name="history">The analysed history.</param>
    /// <param name="unit">The values' unit.</param>
    /// <returns>An <c>&lt;svg&gt;</c> element.</returns>
    public static string History(MetricHistory history, string unit)
    {
        ArgumentNullException.ThrowIfNull(history);
        const int height = 180;
        const int top = 10;
        const int bottom = 30;
        var svg = Open(height, "history of " + history.Metric);
        var points = history.Points.Select((p, i) => (i, p.Value)).Where(p => p.Value > 0 && double.IsFinite(p.Value)).ToList();
        if (points.Count == 0)
        {
            return svg.Append("<text x=\"10\" y=\"20\">no positive finite values</text></svg>").ToString();
        }

        (double lo, double hi) = Range(points.Select(p => p.Value));
        int n = Math.Max(2, history.Points.Count);
        double X(int i) => Left + ((Width - Left - Right) * (double)i / (n - 1));
        double Y(double v) => top + ((height - top - bottom) * (1 - ((Math.Log(v) - Math.Log(lo)) / (Math.Log(hi) - Math.Log(lo)))));
        if (history.BaselineIndex > 0)
        {
            svg.Append(Inv($"<rect x=\"{Left}\" y=\"{top}\" width=\"{X(history.BaselineIndex) - Left:0.#}\" height=\"{height - top - bottom}\" fill=\"#eee\"><title>before the baseline</title></rect>"));
        }

        foreach (ChangePoint c in history.Changes)
        {
            string color = c.Direction == ChangeDirection.Regression ? "#c62828" : "#2e7d32";
            svg.Append(Inv($"<line x1=\"{X(c.Index):0.#}\" x2=\"{X(c.Index):0.#}\" y1=\"{top}\" y2=\"{height - bottom}\" stroke=\"{color}\" stroke-dasharray=\"4 3\"><title>{Encode(c.Commit)}: {(c.Ratio - 1) * 100:+0.0;-0.0}%</title></line>"));
        }

        svg.Append("<polyline fill=\"none\" stroke=\"#4a78c2\" stroke-width=\"1.2\" points=\"");
        foreach ((int i, double v) in points)
        {
            svg.Append(Inv($"{X(i):0.#},{Y(v):0.#} "));
        }

        svg.Append("\"/>");
        svg.Append(Inv($"<text x=\"{Left - 6}\" y=\"{top + 10}\" text-anchor=\"end\">{Encode(Bounds.DurationOrValue(hi, unit))}</text>"));
        svg.Append(Inv($"<text x=\"{Left - 6}\" y=\"{height - bottom}\" text-anchor=\"end\">{Encode(Bounds.DurationOrValue(lo, unit))}</text>"));
        svg.Append(Inv($"<text x=\"{Left}\" y=\"{height - 8}\">{Encode(history.Points[0].Commit)}</text>"));
        svg.Append(Inv($"<text x=\"{Width - Right}\" y=\"{height - 8}\" text-anchor=\"end\">{Encode(history.Points[^1].Commit)}</text>"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// A specification's verdict severity over runs: the zero line is the bound, the line the runs' median severity
    /// (headroom above zero, excess below), the dots each run's worst call, red when it violated.
    /// </summary>
    /// <param name="history">The severity history.</param>
    /// <returns>An <c>&lt;svg&gt;</c> element.</returns>
    public static string Severity(SeverityHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        const int height = 180;
        const int top = 10;
        const int bottom = 30;
        var svg = Open(height, $"severity of {history.Method} {history.Specification} over runs");
        var finite = history.Points.SelectMany(p => new[] { p.Median, p.Worst }).Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            return svg.Append("<text x=\"10\" y=\"20\">no finite severities</text></svg>").ToString();
        }

        // Linear: severity changes sign at the bound; zero always in view.
        double lo = Math.Min(0, finite.Min());
        double hi = Math.Max(0, finite.Max());
        double pad = Math.Max((hi - lo) * 0.05, 1e-9);
        (lo, hi) = (lo - pad, hi + pad);
        int n = Math.Max(2, history.Points.Count);
        double X(int i) => Left + ((Width - Left - Right) * (history.Points.Count == 1 ? 0.5 : (double)i / (n - 1)));
        double Y(double v) => top + ((height - top - bottom) * (hi - v) / (hi - lo));
        svg.Append(Inv($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(0):0.#}\" y2=\"{Y(0):0.#}\" stroke=\"#c62828\" stroke-dasharray=\"5 3\"><title>the bound (severity 0)</title></line>"));
        svg.Append("<polyline fill=\"none\" stroke=\"#4a78c2\" stroke-width=\"1.4\" points=\"");
        for (int i = 0; i < history.Points.Count; i++)
        {
            if (double.IsFinite(history.Points[i].Median))
            {
                svg.Append(Inv($"{X(i):0.#},{Y(history.Points[i].Median):0.#} "));
            }
        }

        svg.Append("\"/>");
        for (int i = 0; i < history.Points.Count; i++)
        {
            SeverityPoint p = history.Points[i];
            if (double.IsFinite(p.Worst))
            {
                string color = p.Violations > 0 ? "#c62828" : "#2e7d32";
                svg.Append(Inv($"<circle cx=\"{X(i):0.#}\" cy=\"{Y(p.Worst):0.#}\" r=\"3\" fill=\"{color}\"><title>{Encode(p.Run)}: {p.Violations} of {p.Calls} calls violate; worst {Encode(Bounds.Signed(p.Worst, history.Unit))}, median {Encode(Bounds.Signed(p.Median, history.Unit))}</title></circle>"));
            }
        }

        svg.Append(Inv($"<text x=\"{Left - 6}\" y=\"{top + 10}\" text-anchor=\"end\">{Encode(Bounds.Signed(hi, history.Unit))}</text>"));
        svg.Append(Inv($"<text x=\"{Left - 6}\" y=\"{Y(0) + 4:0.#}\" text-anchor=\"end\">bound</text>"));
        svg.Append(Inv($"<text x=\"{Left - 6}\" y=\"{height - bottom}\" text-anchor=\"end\">{Encode(Bounds.Signed(lo, history.Unit))}</text>"));
        svg.Append(Inv($"<text x=\"{Left}\" y=\"{height - 8}\">{Encode(history.Points[0].Run)}</text>"));
        svg.Append(Inv($"<text x=\"{Width - Right}\" y=\"{height - 8}\" text-anchor=\"end\">{Encode(history.Points[^1].Run)}</text>"));
        return svg.Append("</svg>").ToString();
    }

    private static void Row(StringBuilder svg, double[] values, double lo, double hi, int y, string label, string color)
    {
        svg.Append(Inv($"<text x=\"{Left - 8}\" y=\"{y + 4}\" text-anchor=\"end\">{label}</text>"));
        var random = new Random(values.Length);
        foreach (double v in values)
        {
            // A little vertical jitter so equal values stay visible; seeded, so a report is reproducible.
            double jitter = (random.NextDouble() - 0.5) * 14;
            svg.Append(Inv($"<circle cx=\"{Scale(v, lo, hi):0.#}\" cy=\"{y + jitter:0.#}\" r=\"2.2\" fill=\"{color}\" fill-opacity=\"0.55\"/>"));
        }

        double[] sorted = values.Order().ToArray();
        double median = Statistics.HodgesLehmann.Median(sorted);
        double x = Scale(median, lo, hi);
        svg.Append(Inv($"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{y - 12}\" y2=\"{y + 12}\" stroke=\"{color}\" stroke-width=\"2.5\"><title>median</title></line>"));
    }

    private static void Axis(StringBuilder svg, double lo, double hi, int y, string unit)
    {
        svg.Append(Inv($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y - 12}\" y2=\"{y - 12}\" stroke=\"#999\"/>"));
        svg.Append(Inv($"<text x=\"{Left}\" y=\"{y}\">{Encode(Bounds.DurationOrValue(lo, unit))}</text>"));
        svg.Append(Inv($"<text x=\"{Width - Right}\" y=\"{y}\" text-anchor=\"end\">{Encode(Bounds.DurationOrValue(hi, unit))}</text>"));
    }

    private static double Scale(double v, double lo, double hi) =>
        Left + ((Width - Left - Right) * (Math.Log(v) - Math.Log(lo)) / (Math.Log(hi) - Math.Log(lo)));

    private static (double Lo, double Hi) Range(IEnumerable<double> values)
    {
        double lo = double.PositiveInfinity;
        double hi = double.NegativeInfinity;
        foreach (double v in values)
        {
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }

        // A flat series still needs a band to draw in.
        return hi > lo * 1.001 ? (lo / 1.02, hi * 1.02) : (lo / 1.1, hi * 1.1);
    }

    private static double[] Usable(IReadOnlyList<double> values) => values.Where(v => v > 0 && double.IsFinite(v)).ToArray();

    private static StringBuilder Open(int height, string title) => new StringBuilder()
        .Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\"><title>{Encode(title)}</title>"));

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static class Bounds
    {
        public static string DurationOrValue(double v, string unit) =>
            unit == "ns" ? Analysis.Bounds.DurationText.Format((long)Math.Round(v)) : v.ToString("G4", CultureInfo.InvariantCulture) + " " + unit;

        public static string Signed(double v, string unit) =>
            !double.IsFinite(v) ? v.ToString(CultureInfo.InvariantCulture) : v < 0 ? "-" + DurationOrValue(-v, unit) : DurationOrValue(v, unit);
    }
}
