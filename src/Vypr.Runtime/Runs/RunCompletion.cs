using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Runtime.Shipping;

namespace Vypr.Runtime.Runs;

/// <summary>
/// Closes a monitored run, whatever test framework ran it: writes the results file and its verdict table, prints
/// the summary, flushes the verdict shipment, and says whether the run's verdicts are all kept. A test framework's
/// integration calls <see cref="CompleteAsync"/> when every test has finished, then <see cref="ThrowIfFailed"/>, so
/// that verdicts the run could not keep make the run fail (exit status) instead of vanishing.
/// </summary>
public sealed class RunCompletion
{
    private RunCompletion(string? resultsPath, ShippingReport? shipping, IReadOnlyList<string> failures, IReadOnlyList<string> warnings)
    {
        ResultsPath = resultsPath;
        Shipping = shipping;
        Failures = failures;
        Warnings = warnings;
    }

    /// <summary>
    /// What the run could not record to the end, printed with its summary and written in its verdict table: invocations
    /// of scoped methods that never ended, or whose records waited for one that never came (their verdicts may be
    /// missing). Empty when there are none.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The results file written, or null when no directory took it.</summary>
    public string? ResultsPath { get; }

    /// <summary>What the shipper did, when the run shipped verdicts to a server.</summary>
    public ShippingReport? Shipping { get; }

    /// <summary>What went wrong in keeping the run's verdicts; empty when they are all kept.</summary>
    public IReadOnlyList<string> Failures { get; }

    /// <summary>Whether some of the run's verdicts are neither in a results file nor stored or spooled for the server.</summary>
    public bool Failed => Failures.Count > 0;

    /// <summary>Closes the run of this process.</summary>
    /// <param name="assembly">The test assembly's name, as the run records it.</param>
    /// <param name="shipper">The run's shipper, when it ships to a server.</param>
    /// <param name="output">Where the summary goes (the test run's console).</param>
    /// <param name="resultsDirectory">The results directory; <see cref="ResultsFile.DefaultDirectory"/> when null.</param>
    /// <param name="flushTimeout">How long the shipper may keep trying; <see cref="VerdictShipper.DefaultFlushTimeout"/> when null.</param>
    /// <returns>What was kept, and what failed.</returns>
    internal static async ValueTask<RunCompletion> CompleteAsync(
        string assembly,
        VerdictShipper? shipper,
        TextWriter output,
        string? resultsDirectory = null,
        TimeSpan? flushTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        RunDocument document = RuntimeMonitor.Snapshot(assembly);
        IReadOnlyList<string> warnings = RuntimeMonitor.OpenInvocationWarning(null);
        return await CloseAsync(document, shipper, output, resultsDirectory ?? ResultsFile.DefaultDirectory, flushTimeout ?? VerdictShipper.DefaultFlushTimeout, warnings);
    }

    /// <summary>Throws when <see cref="Failed"/>, with every failure in the message.</summary>
    /// <exception cref="RunIncompleteException">Some of the run's verdicts were not kept.</exception>
    public void ThrowIfFailed()
    {
        if (Failed)
        {
            throw new RunIncompleteException(string.Join(Environment.NewLine, Failures));
        }
    }

    internal static async ValueTask<RunCompletion> CloseAsync(RunDocument document, VerdictShipper? shipper, TextWriter output, string resultsDirectory, TimeSpan flushTimeout, IReadOnlyList<string>? warnings = null)
    {
        var failures = new List<string>();
        warnings ??= [];
        string table = VerdictText.Table(document);
        if (warnings.Count > 0)
        {
            table += Environment.NewLine + string.Join(Environment.NewLine, warnings);
        }

        string? path = null;
        try
        {
            path = ResultsFile.Write(document, resultsDirectory);
        }
        catch (IOException e)
        {
            failures.Add($"Vypr: RESULTS NOT WRITTEN: {e.Message}");
            // The run's verdicts must survive somewhere a person can find them: try the temporary directory.
            string fallback = Path.Combine(Path.GetTempPath(), "vypr-results");
            try
            {
                path = ResultsFile.Write(document, fallback);
                failures.Add($"Vypr: the results were written to {path} instead");
            }
            catch (IOException again)
            {
                failures.Add($"Vypr: nor in {fallback}: {again.Message}");
            }
        }

        if (path is not null)
        {
            try
            {
                File.WriteAllText(Path.ChangeExtension(path, ".txt"), table + Environment.NewLine);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures.Add($"Vypr: the verdict table could not be written beside {path}: {e.Message}");
            }
        }

        output.WriteLine();
        output.WriteLine("Vypr verdicts");
        output.WriteLine(table);
        if (path is not null)
        {
            output.WriteLine($"Results: {path}");
        }

        foreach (string failure in failures)
        {
            output.WriteLine(failure);
        }

        ShippingReport? shipping = null;
        if (shipper is not null)
        {
            shipping = await shipper.FlushAsync(flushTimeout);
            // The report's line says itself when verdicts were lost or refused.
            output.WriteLine(shipping);
            if (!shipping.IsComplete)
            {
                failures.Add(shipping.ToString());
            }
        }

        return new RunCompletion(path, shipping, failures, warnings);
    }
}
