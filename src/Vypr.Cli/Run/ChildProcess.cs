using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;

namespace Vypr.Cli.Run;

/// <summary>
/// Runs <c>dotnet</c> as a child process with its output in a log file: a campaign's terminal shows one line per
/// iteration, and the full output of every build and test run stays in the campaign directory for when it is needed.
/// </summary>
internal static class ChildProcess
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> and waits for it.</summary>
    /// <param name="arguments">The arguments.</param>
    /// <param name="environment">Variables set (or, when null, removed) in the child's environment.</param>
    /// <param name="logFile">Where its standard output and error go.</param>
    /// <param name="cancel">Ends the child (and its own children) when signalled.</param>
    /// <param name="started">Called with the child's process ID once it runs (a profiler watches its process tree).</param>
    /// <returns>Its exit code.</returns>
    /// <exception cref="IOException">The process could not be started.</exception>
    public static int RunDotnet(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, string logFile, CancellationToken cancel, Action<int>? started = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach ((string name, string? value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        using var log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var gate = new Lock();
        log.WriteLine($"> dotnet {string.Join(' ', arguments)}");
        using var process = new Process { StartInfo = start };
        DataReceivedEventHandler write = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (gate)
                {
                    log.WriteLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += write;
        process.ErrorDataReceived += write;
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new IOException($"'dotnet' could not be started: {e.Message}", e);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        started?.Invoke(process.Id);
        using (cancel.Register(() => Kill(process)))
        {
            process.WaitForExit();
        }

        lock (gate)
        {
            log.WriteLine($"> exit code {process.ExitCode}");
        }

        return process.ExitCode;
    }

    /// <summary>The last lines of a log, to show with an error.</summary>
    /// <param name="logFile">The log.</param>
    /// <param name="lines">How many lines.</param>
    /// <returns>The lines, indented.</returns>
    public static string Tail(string logFile, int lines)
    {
        try
        {
            string[] all = File.ReadAllLines(logFile);
            return string.Join(Environment.NewLine, all[Math.Max(0, all.Length - lines)..].Select(l => "  " + l));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }
    }
}
