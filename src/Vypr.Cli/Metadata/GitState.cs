using System;
using System.Diagnostics;
using System.IO;

namespace Vypr.Cli.Metadata;

/// <summary>
/// The commit, branch and dirtiness of the working tree a campaign runs in, asked of <c>git</c> once at the start.
/// Outside a repository, or without git, every field is null: a run is still recorded, just less comparable.
/// </summary>
/// <param name="Commit">The full commit hash of HEAD.</param>
/// <param name="Branch">The branch HEAD is on; null when detached.</param>
/// <param name="Dirty">Whether tracked files differ from HEAD (untracked files are ignored: build outputs are not code).</param>
internal sealed record GitState(string? Commit, string? Branch, bool? Dirty)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    /// <summary>Reads the state of the repository holding <paramref name="directory"/>.</summary>
    /// <param name="directory">A directory inside the working tree.</param>
    /// <returns>The state; all null outside a repository.</returns>
    public static GitState Read(string directory)
    {
        string? commit = Git(directory, "rev-parse", "HEAD");
        if (commit is null)
        {
            return new GitState(null, null, null);
        }

        string? branch = Git(directory, "rev-parse", "--abbrev-ref", "HEAD");
        string? status = Git(directory, "status", "--porcelain", "--untracked-files=no");
        return new GitState(commit, branch is null or "HEAD" ? null : branch, status is null ? null : status.Length > 0);
    }

    private static string? Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using Process process = Process.Start(start)!;
            System.Threading.Tasks.Task<string> output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(s_timeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            return process.ExitCode == 0 ? output.GetAwaiter().GetResult().Trim() : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            // No git on this machine.
            return null;
        }
    }
}
