using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;

namespace Vypr.Tests.Shared;

/// <summary>
/// Opens a local HTML file in a real headless browser, Debian's Chromium driven by Playwright (never a browser
/// Playwright downloads), and reports what it did: every request other than the page itself, every console error or
/// warning (a Content-Security-Policy violation is one), every uncaught error, and how its charts were laid out.
/// Shared by the suites whose reports are HTML, as a linked source file.
/// </summary>
public static class HeadlessBrowser
{
    /// <summary>The browser: Debian's package (<c>apt-get install chromium</c>; .ci/run installs it).</summary>
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>
    /// Skips the test when there is no browser, except under <c>CI=true</c>, where a missing browser fails it: CI must
    /// not pass by skipping what it is there to check.
    /// </summary>
    public static void Require()
    {
        if (File.Exists(Chromium))
        {
            return;
        }

        const string why = Chromium + " is missing: apt-get install chromium (.ci/run does)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(why);
        }

        Assert.Skip(why);
    }

    /// <summary>Loads <paramref name="path"/>, waits until the network is idle, and returns what the page did.</summary>
    /// <param name="path">The HTML file.</param>
    /// <param name="selectors">CSS selectors whose matches to count (<see cref="BrowserPage.Count"/>).</param>
    /// <param name="cancellationToken">The test's cancellation.</param>
    /// <returns>The page's problems, its charts' sizes and the counts.</returns>
    public static async Task<BrowserPage> OpenAsync(string path, IEnumerable<string> selectors, CancellationToken cancellationToken)
    {
        Require();
        string url = new Uri(Path.GetFullPath(path)).AbsoluteUri;
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
        IPage page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Add(problems, $"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Add(problems, "page error: " + error);
        page.Request += (_, request) =>
        {
            if (request.Url != url)
            {
                Add(problems, "request: " + request.Url);
            }
        };
        page.RequestFailed += (_, request) => Add(problems, "failed request: " + request.Url);

        IResponse? response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        Assert.True(response.Ok, $"{url}: {response.Status}");

        // Lets late requests and console messages of the load arrive before they are read.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        cancellationToken.ThrowIfCancellationRequested();
        double[] chartSides = await page.EvalOnSelectorAllAsync<double[]>(
            "svg", "els => els.map(e => { const r = e.getBoundingClientRect(); return Math.min(r.width, r.height); })");
        int parserErrors = await page.EvaluateAsync<int>("document.querySelectorAll('parsererror').length");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string selector in selectors.Distinct())
        {
            counts[selector] = await page.EvaluateAsync<int>($"document.querySelectorAll({JsonSerializer.Serialize(selector)}).length");
        }

        lock (problems)
        {
            return new BrowserPage(problems.ToArray(), chartSides, parserErrors, counts);
        }
    }

    // Playwright raises its events on its own connection's thread.
    private static void Add(List<string> problems, string problem)
    {
        lock (problems)
        {
            problems.Add(problem);
        }
    }
}
