using System;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using Vypr.Cli.Commands;

namespace Vypr.Cli.Compare;

/// <summary>Runs an analysis command's body and maps its failures to the shared exit codes, with the message on standard error.</summary>
internal static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/>.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="body">The command's work; returns the exit code.</param>
    /// <returns>The exit code.</returns>
    public static int Run(ParseResult parse, Func<ParseResult, int> body)
    {
        try
        {
            return body(parse);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"vypr: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or JsonException)
        {
            Console.Error.WriteLine($"vypr: {e.Message}");
            return ExitCodes.Error;
        }
    }
}
