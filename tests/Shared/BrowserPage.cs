using System.Collections.Generic;
using Xunit;

namespace Vypr.Tests.Shared;

/// <summary>What a page did when <see cref="HeadlessBrowser"/> opened it.</summary>
/// <param name="Problems">Requests other than the page (<c>request: URL</c>), failed requests, console errors and warnings, uncaught errors.</param>
/// <param name="ChartSides">The smaller side of each laid-out SVG, in CSS pixels.</param>
/// <param name="ParserErrors">How many <c>parsererror</c> elements the page holds (an SVG the browser could not parse).</param>
/// <param name="Counts">The number of matches of each selector asked for.</param>
public sealed record BrowserPage(IReadOnlyList<string> Problems, IReadOnlyList<double> ChartSides, int ParserErrors, IReadOnlyDictionary<string, int> Counts)
{
    /// <summary>The number of elements <paramref name="selector"/> matched.</summary>
    /// <param name="selector">One of the selectors given when the page was opened.</param>
    /// <returns>The count.</returns>
    public int Count(string selector) => Counts[selector];

    /// <summary>Every chart is laid out with a size: an SVG the browser could not parse renders as nothing, or as an error.</summary>
    public void AssertChartsLaidOut()
    {
        Assert.NotEmpty(ChartSides);
        Assert.All(ChartSides, side => Assert.True(side > 0, "an SVG chart was laid out without a size"));
        Assert.Equal(0, ParserErrors);
    }
}
