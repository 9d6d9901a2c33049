using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Reflection;
using Vypr.Cli.Commands;
using Vypr.Cli.Run;

namespace Vypr.Cli.Ci;

/// <summary>
/// <c>vypr ci init [-c vypr.yml] [--provider github|gitlab|all] [--tool-version V] [--force]</c>: writes the CI files
/// (<see cref="CiFiles"/>) into the repository of the campaign file, with its paths and results directory.
/// </summary>
internal static class CiInitCommand
{
    /// <summary>Creates <c>vypr ci</c> with its <c>init</c> subcommand.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var config = new Option<string>("--config", "-c") { Description = "The campaign file the CI runs (default vypr.yml); the files go into its directory.", DefaultValueFactory = _ => CampaignConfigReader.DefaultFile };
        var provider = new Option<string>("--provider") { Description = "github, gitlab or all (default).", DefaultValueFactory = _ => "all" };
        provider.AcceptOnlyFromAmong("github", "gitlab", "all");
        var toolVersion = new Option<string?>("--tool-version") { Description = "The Vypr.Tool version the CI installs (default: this tool's version; 'latest' for the newest)." };
        var force = new Option<bool>("--force") { Description = "Overwrite CI files vypr wrote before." };
        var init = new Command("init", "Write a GitHub Actions workflow and a GitLab CI job that install vypr, run the campaign, keep its results and comment on pull requests.")
        {
            config, provider, toolVersion, force,
        };
        init.SetAction(parse => Run(parse.GetValue(config)!, parse.GetValue(provider)!, parse.GetValue(toolVersion), parse.GetValue(force)));
        var ci = new Command("ci", "Set up CI for a campaign.");
        ci.Subcommands.Add(init);
        return ci;
    }

    private static int Run(string configFile, string provider, string? toolVersion, bool force)
    {
        if (CampaignConfigReader.TryReadFile(configFile, "vypr ci init", "write the campaign file first: docs/cli.md", out CampaignConfig config) is int unread)
        {
            return unread;
        }

        string root = Path.GetDirectoryName(Path.GetFullPath(configFile))!;
        string version = toolVersion switch
        {
            null => OwnVersion(),
            "latest" => string.Empty,
            _ => toolVersion,
        };
        var files = new CiFiles(
            Relative(root, Path.GetFullPath(configFile)),
            Relative(root, config.ResultsDirectory),
            config.StorePath is null ? null : Relative(root, config.StorePath),
            version.Length == 0 ? null : version);

        var writes = new List<(string Path, string Text)>();
        if (provider is "github" or "all")
        {
            writes.Add((CiFiles.GitHubPath, files.GitHubWorkflow()));
        }

        bool includeNeeded = false;
        if (provider is "gitlab" or "all")
        {
            writes.Add((CiFiles.GitLabPath, files.GitLabJob()));
            string pipeline = Path.Combine(root, CiFiles.GitLabPipelinePath);
            if (!File.Exists(pipeline))
            {
                writes.Add((CiFiles.GitLabPipelinePath, CiFiles.GitLabPipeline()));
            }
            else
            {
                includeNeeded = !File.ReadAllText(pipeline).Contains(CiFiles.GitLabPath, StringComparison.Ordinal);
            }
        }

        // Nothing is written unless everything can be: a half-done setup is worse than none.
        foreach ((string path, _) in writes)
        {
            string full = Path.Combine(root, path);
            if (File.Exists(full) && !force)
            {
                Console.Error.WriteLine($"vypr ci init: {full} exists; nothing was written (--force overwrites it).");
                return ExitCodes.UsageError;
            }
        }

        try
        {
            foreach ((string path, string text) in writes)
            {
                string full = Path.Combine(root, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text);
                Console.WriteLine($"wrote {path}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"vypr ci init: {e.Message}");
            return ExitCodes.Error;
        }

        if (includeNeeded)
        {
            Console.WriteLine($"add to {CiFiles.GitLabPipelinePath}:  include: [{{ local: {CiFiles.GitLabPath} }}]");
        }

        return ExitCodes.Success;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    // The informational version without its "+commit" suffix; a build without a version installs the newest.
    private static string OwnVersion()
    {
        string? version = typeof(CiInitCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return version is null ? string.Empty : version.Split('+')[0];
    }
}
