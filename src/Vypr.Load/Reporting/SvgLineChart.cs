using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace Vypr.Load.Reporting;

/// <summary>
/// A line chart as inline SVG: so the HTML report opens with no network and no script. Points whose value is not
/// finite (an interval where nothing completed) break their line rather than being drawn as zero.
/// </summary>
internal static class SvgLineChart
{
    private const int Width = 720;
    private const int Height = 240;
    private const int Left = 64;
    private const int Right = 130;
    private const int Top = 12;
    private const int Bottom = 34;

    /// <summary>One line: its name (the legend) and its points.</summary>
    public sealed record Series(string Name, string Color, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false);

    /// <summary>Draws the series on shared axes.</summary>
    /// <param name="title">What the chart shows (its accessible title).</param>
    /// <param name="xLabel">The x axis's label.</param>
    /// <param name="yLabel">The y axis's label.</param>
    /// <param name="series">The lines.</param>
    /// <param name="xTick">How an x value is written at a tick; the value itself when null.</param>
    /// <param name="xTicks">The x values to mark; five even ticks when null.</param>
    /// <returns>An <c>&lt;svg&gt;</c> element.</returns>
    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<Series> series, Func<double, string>? xTick = null, IReadOnlyList<double>? xTicks = null)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\"><title>{Escape(title)}</title>");
        var finite = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        if (finite.Count == 0)
        {
            return svg.Append("<text x=\"10\" y=\"24\">nothing measured</text></svg>").ToString();
        }

        double x0 = finite.Min(p => p.X), x1 = finite.Max(p => p.X);
        if (xTicks is { Count: > 0 })
        {
            x0 = Math.Min(x0, xTicks.Min());
            x1 = Math.Max(x1, xTicks.Max());
        }

        if (x1 <= x0)
        {
            x1 = x0 + 1;
        }

        double y1 = Nice(finite.Max(p => p.Y));
        double X(double x) => Left + ((x - x0) / (x1 - x0) * (Width - Left - Right));
        double Y(double y) => Height - Bottom - (y / y1 * (Height - Top - Bottom));

        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"axes\" stroke=\"#888\" stroke-width=\"1\"><line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\"/><line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\"/></g>");
        for (int i = 0; i <= 4; i++)
        {
            double y = y1 * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Y(y):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(y):0.#}\" stroke=\"#eee\"/><text x=\"{Left - 6}\" y=\"{Y(y) + 4:0.#}\" text-anchor=\"end\" font-size=\"11\">{Number(y)}</text>");
        }

        IEnumerable<double> ticks = xTicks ?? Enumerable.Range(0, 5).Select(i => x0 + ((x1 - x0) * i / 4));
        foreach (double x in ticks)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(x):0.#}\" y=\"{Height - Bottom + 15}\" text-anchor=\"middle\" font-size=\"11\">{Escape(xTick?.Invoke(x) ?? Number(x))}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 4}\" text-anchor=\"middle\" font-size=\"12\">{Escape(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{(Top + Height - Bottom) / 2}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 12 {(Top + Height - Bottom) / 2})\">{Escape(yLabel)}</text>");
        int legend = Top + 10;
        foreach (Series line in series)
        {
            string dash = line.Dashed ? " stroke-dasharray=\"5 3\"" : string.Empty;
            foreach (List<(double X, double Y)> run in Runs(line.Points))
            {
                if (run.Count == 1)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(run[0].X):0.##}\" cy=\"{Y(run[0].Y):0.##}\" r=\"2.5\" fill=\"{line.Color}\"/>");
                    continue;
                }

                svg.Append("<polyline fill=\"none\" stroke=\"").Append(line.Color).Append("\" stroke-width=\"1.6\"").Append(dash).Append(" points=\"");
                svg.AppendJoin(' ', run.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.X):0.##},{Y(p.Y):0.##}")));
                svg.Append("\"/>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Width - Right + 10}\" y1=\"{legend}\" x2=\"{Width - Right + 28}\" y2=\"{legend}\" stroke=\"{line.Color}\" stroke-width=\"2\"{dash}/><text x=\"{Width - Right + 32}\" y=\"{legend + 4}\" font-size=\"11\">{Escape(line.Name)}</text>");
            legend += 16;
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A number as axes and tables write it: up to three decimals, invariant culture.</summary>
    public static string Number(double value) =>
        !double.IsFinite(value) ? "n/a"
        : Math.Abs(value) >= 1000 ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A text as HTML: escaped, and without NUL or unpaired surrogates (U+FFFD instead), which a test's texts may hold.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(Vypr.Contracts.ResultsText.Clean(text)!);

    // The stretches of finite points, each drawn as one line.
    private static IEnumerable<List<(double X, double Y)>> Runs(IReadOnlyList<(double X, double Y)> points)
    {
        var run = new List<(double X, double Y)>();
        foreach ((double x, double y) in points)
        {
            if (double.IsFinite(x) && double.IsFinite(y))
            {
                run.Add((x, y));
            }
            else if (run.Count > 0)
            {
                yield return run;
                run = [];
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    // The axis top: 1, 2 or 5 times a power of ten, at or above the largest value.
    private static double Nice(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        double power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (double step in (double[])[1, 2, 5, 10])
        {
            if (step * power >= max)
            {
                return double.IsFinite(step * power) ? step * power : max;
            }
        }

        return 10 * power;
    }
}
