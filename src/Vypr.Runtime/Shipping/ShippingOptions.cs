using System;
using System.IO;

namespace Vypr.Runtime.Shipping;

/// <summary>Where and how a <see cref="VerdictShipper"/> ships verdicts.</summary>
public sealed record ShippingOptions
{
    /// <summary>The environment variable with the verdict server's base URL; shipping is on when it is set.</summary>
    public const string ServerUrlVariable = "VYPR_SERVER_URL";

    /// <summary>The environment variable with the API token for writes.</summary>
    public const string TokenVariable = "VYPR_SERVER_TOKEN";

    /// <summary>The environment variable with the spool directory.</summary>
    public const string SpoolDirectoryVariable = "VYPR_SPOOL_DIR";

    /// <summary>The environment variable with the project name the server files runs under.</summary>
    public const string ProjectVariable = "VYPR_PROJECT";

    /// <summary>Creates options for a server.</summary>
    /// <param name="serverUrl">The verdict server's base URL (<c>http://127.0.0.1:5080</c>).</param>
    /// <param name="spoolDirectory">Where batches wait while the server cannot take them.</param>
    public ShippingOptions(Uri serverUrl, string spoolDirectory)
    {
        ArgumentNullException.ThrowIfNull(serverUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(spoolDirectory);
        if (!serverUrl.IsAbsoluteUri || serverUrl.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"the verdict server URL '{serverUrl}' is not an absolute http(s) URL", nameof(serverUrl));
        }

        ServerUrl = serverUrl;
        SpoolDirectory = Path.GetFullPath(spoolDirectory);
    }

    /// <summary>The verdict server's base URL.</summary>
    public Uri ServerUrl { get; }

    /// <summary>Where batches wait while the server cannot take them; replayed by the next flush or the next run.</summary>
    public string SpoolDirectory { get; }

    /// <summary>The API token sent as <c>Authorization: Bearer</c>.</summary>
    public string? Token { get; init; }

    /// <summary>The project the server files the run under (<c>default</c> when null).</summary>
    public string? Project { get; init; }

    /// <summary>A link to the CI job, when the CI tells one.</summary>
    public string? CiJobUrl { get; init; }

    /// <summary>The most verdicts in one request.</summary>
    public int BatchSize { get; init; } = 2_000;

    /// <summary>
    /// The most verdicts held in memory; beyond it, batches go to the spool at once. While neither the server nor the
    /// spool takes them, the newest batches beyond it are lost, and counted as such in the <see cref="ShippingReport"/>.
    /// </summary>
    public int MaxQueuedVerdicts { get; init; } = 50_000;

    /// <summary>How often queued verdicts are shipped when fewer than a batch are waiting.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one request may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a batch is sent before it goes to the spool.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first retry's mean delay; each retry doubles it, up to <see cref="MaxRetryDelay"/>, with full jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The spool directory used when <c>VYPR_SPOOL_DIR</c> is not set: per user, so the next run finds it.</summary>
    public static string DefaultSpoolDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "vypr", "spool");

    /// <summary>Reads the options from <c>VYPR_SERVER_URL</c>, <c>VYPR_SERVER_TOKEN</c>, <c>VYPR_SPOOL_DIR</c>, <c>VYPR_PROJECT</c> and the CI's job URL.</summary>
    /// <returns>The options, or null when <c>VYPR_SERVER_URL</c> is not set.</returns>
    /// <exception cref="ArgumentException"><c>VYPR_SERVER_URL</c> is not an absolute http(s) URL.</exception>
    public static ShippingOptions? FromEnvironment()
    {
        string? url = Variable(ServerUrlVariable);
        if (url is null)
        {
            return null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? serverUrl))
        {
            throw new ArgumentException($"{ServerUrlVariable}='{url}' is not an absolute URL");
        }

        return new ShippingOptions(serverUrl, Variable(SpoolDirectoryVariable) ?? DefaultSpoolDirectory)
        {
            Token = Variable(TokenVariable),
            Project = Variable(ProjectVariable),
            CiJobUrl = CiJobUrlFromEnvironment(),
        };
    }

    private static string? CiJobUrlFromEnvironment()
    {
        if (Variable("CI_JOB_URL") is { } gitlab)
        {
            return gitlab;
        }

        if (Variable("GITHUB_SERVER_URL") is { } server && Variable("GITHUB_REPOSITORY") is { } repository && Variable("GITHUB_RUN_ID") is { } run)
        {
            return $"{server}/{repository}/actions/runs/{run}";
        }

        return Variable("BUILD_URL");
    }

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
