using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Vypr.Analysis.Server;

/// <summary>
/// A verdict server and which of its runs to read, written as one address:
/// <c>http://ci:5080/?project=uploader&amp;branch=main&amp;commit=e78ec77&amp;last=20</c>. The path is where the server
/// is mounted; the query selects runs (all optional): <c>project</c>, <c>branch</c>, <c>commit</c>, <c>run</c> (a run's
/// GUID) and <c>last</c> (only the newest N of the selected runs).
/// </summary>
/// <param name="BaseAddress">The server's address (scheme, host, port and path), ending in '/'.</param>
/// <param name="Project">Only runs of this project.</param>
/// <param name="Branch">Only runs of this branch.</param>
/// <param name="Commit">Only runs of this commit.</param>
/// <param name="RunId">Only this run.</param>
/// <param name="Last">Only the newest this many runs (by start time).</param>
public sealed record ServerSelection(Uri BaseAddress, string? Project, string? Branch, string? Commit, Guid? RunId, int? Last)
{
    /// <summary>Whether <paramref name="source"/> names a server (starts with <c>http://</c> or <c>https://</c>) rather than a file.</summary>
    /// <param name="source">A command's input.</param>
    /// <returns>True for a server address.</returns>
    public static bool IsServerAddress(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads an address.</summary>
    /// <param name="source">The address.</param>
    /// <returns>The selection.</returns>
    /// <exception cref="InvalidDataException">The address is not an absolute http(s) URL, or a query parameter is unknown or malformed; the message names it.</exception>
    public static ServerSelection Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!Uri.TryCreate(source, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidDataException($"{source}: not an http:// or https:// address of a verdict server");
        }

        string? project = null, branch = null, commit = null;
        Guid? run = null;
        int? last = null;
        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            string value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            if (value.Length == 0)
            {
                throw new InvalidDataException($"{source}: query parameter '{key}' has no value");
            }

            switch (key)
            {
                case "project":
                    project = value;
                    break;
                case "branch":
                    branch = value;
                    break;
                case "commit":
                    commit = value;
                    break;
                case "run":
                    run = Guid.TryParse(value, out Guid id) ? id : throw new InvalidDataException($"{source}: run '{value}' is not a run's GUID");
                    break;
                case "last":
                    last = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
                        ? n
                        : throw new InvalidDataException($"{source}: last '{value}' is not a positive whole number");
                    break;
                default:
                    throw new InvalidDataException($"{source}: unknown query parameter '{key}'; a server address selects runs by project, branch, commit, run and last");
            }
        }

        string path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
        var baseAddress = new UriBuilder(uri.Scheme, uri.Host, uri.Port, path).Uri;
        return new ServerSelection(baseAddress, project, branch, commit, run, last);
    }

    /// <summary>A short label for reports: the selection without the server.</summary>
    public string Label
    {
        get
        {
            string label = string.Join(
                ' ',
                new[] { Project, Branch, Commit, RunId?.ToString("D"), Last is { } n ? $"last {n.ToString(CultureInfo.InvariantCulture)}" : null }
                    .Where(p => p is not null));
            return label.Length == 0 ? BaseAddress.Authority : label;
        }
    }
}
