using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Vypr.Load.Configuration;
using Vypr.Load.Running;

namespace Vypr.Cli.Load;

/// <summary>
/// Live progress of a load run: on a terminal one line rewritten in place; when output is redirected (CI logs),
/// one plain line per interval, so a log shows the run's course without control characters.
/// </summary>
internal sealed class ConsoleProgress(TextWriter output, bool interactive)
{
    private readonly Dictionary<string, (long Started, TimeSpan At)> _last = new(StringComparer.Ordinal);
    private bool _lineOpen;

    /// <summary>Shows the progress of every entry (called by the runner on its progress timer).</summary>
    /// <param name="entries">Each entry's progress.</param>
    /// <param name="elapsed">Time since firing began.</param>
    public void Show(IReadOnlyList<LoadProgress> entries, TimeSpan elapsed)
    {
        string line = $"[{elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s] " + string.Join(" | ", entries.Select(e => Describe(e, elapsed)));
        lock (this)
        {
            if (interactive)
            {
                output.Write("\r\u001b[K" + line);
                _lineOpen = true;
            }
            else
            {
                output.WriteLine(line);
            }

            output.Flush();
        }
    }

    /// <summary>Ends the live line so what follows starts on a fresh one.</summary>
    public void Finish()
    {
        lock (this)
        {
            if (_lineOpen)
            {
                output.WriteLine();
                _lineOpen = false;
            }
        }
    }

    private string Describe(LoadProgress entry, TimeSpan elapsed)
    {
        double rate = 0;
        if (_last.TryGetValue(entry.Name, out (long Started, TimeSpan At) last) && elapsed > last.At)
        {
            rate = (entry.Started - last.Started) / (elapsed - last.At).TotalSeconds;
        }
        else if (elapsed > TimeSpan.Zero)
        {
            rate = entry.Started / elapsed.TotalSeconds;
        }

        _last[entry.Name] = (entry.Started, elapsed);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{entry.Name}: {rate:0}/s, started {entry.Started}, errors {entry.Failed}, dropped {entry.Dropped}, in flight {entry.InFlight}, p99 {LoadDuration.FormatMilliseconds(entry.LatencyP99)}");
    }
}
