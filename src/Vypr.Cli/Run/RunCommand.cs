using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using Vypr.Cli.Commands;

namespace Vypr.Cli.Run;

/// <summary>
/// <c>vypr run [-c vypr.yml] [--resume] [--from N] [--max M]</c>: runs a campaign (docs/cli.md): the test projects
/// of <c>vypr.yml</c> once per input under monitoring, a checkpoint after each iteration, and at the end a terminal
/// summary, JUnit XML and a Markdown summary. Exit 1 on a violation or a failed test.
/// </summary>
internal static class RunCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var config = new Option<string>("--config", "-c") { Description = "The campaign file (docs/cli.md, docs/vypr.schema.json).", DefaultValueFactory = _ => CampaignConfigReader.DefaultFile };
        var resume = new Option<bool>("--resume") { Description = "Continue the campaign after the last iteration its checkpoint records." };
        var from = new Option<int?>("--from") { Description = "Start at this iteration (1-based) instead of the first." };
        var max = new Option<int?>("--max") { Description = "Run at most this many iterations now (resume later with --resume)." };
        var command = new Command("run", "Run the test projects of vypr.yml once per input under monitoring, with fail-fast and checkpoints; report violations (terminal, JUnit XML, Markdown).")
        {
            config, resume, from, max,
        };

        // A synchronous action: System.CommandLine then leaves SIGINT to this command, which stops the test run in
        // flight and still reports the iterations that finished.
        command.SetAction(parse => Run(parse.GetValue(config)!, parse.GetValue(resume), parse.GetValue(from), parse.GetValue(max)));
        return command;
    }

    private static int Run(string configFile, bool resume, int? from, int? max)
    {
        if (from is < 1 || max is < 1)
        {
            Console.Error.WriteLine($"vypr run: {(from is < 1 ? $"--from {from}" : $"--max {max}")}: expected a whole number of at least 1.");
            return ExitCodes.UsageError;
        }

        if (resume && from is not null)
        {
            Console.Error.WriteLine("vypr run: --resume continues after the checkpoint's last iteration; it cannot be combined with --from.");
            return ExitCodes.UsageError;
        }

        if (CampaignConfigReader.TryReadFile(configFile, "vypr run", null, out CampaignConfig config) is int unread)
        {
            return unread;
        }

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C stops the test run in flight and reports what finished; a second ends at once.
            if (!cancel.IsCancellationRequested)
            {
                e.Cancel = true;
                Console.Error.WriteLine("vypr run: interrupted; stopping the test run in flight (Ctrl+C again to end at once)");
                cancel.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return new CampaignRunner(config, Console.Out, Console.Error, cancel.Token).Run(resume, from, max);
        }
        catch (CampaignConfigException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Console.Error.WriteLine($"vypr run: {e.Message}");
            return ExitCodes.Error;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
