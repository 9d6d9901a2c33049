using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Vypr.Analysis.Inputs;

/// <summary>
/// The files a directory given as an input stands for. A campaign directory of <c>vypr run</c> (it holds
/// <c>checkpoint.json</c>, schema <c>vypr.checkpoint/1</c>) stands for the results files of its finished iterations,
/// in iteration order: an iteration cut short by a kill left files the checkpoint does not list, and those are not
/// read. Any other directory stands for every <c>*.json</c> file in it, by name.
/// </summary>
public static class ResultsDirectory
{
    /// <summary>The campaign checkpoint's file name (written by <c>vypr run</c>).</summary>
    public const string CheckpointFile = "checkpoint.json";

    /// <summary>The campaign checkpoint's schema.</summary>
    public const string CheckpointSchema = "vypr.checkpoint/1";

    /// <summary>The input files of a directory.</summary>
    /// <param name="directory">An existing directory.</param>
    /// <returns>Full paths, in the order their runs are read.</returns>
    /// <exception cref="InvalidDataException">The directory's checkpoint is malformed; the message names the file.</exception>
    public static IReadOnlyList<string> Files(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string checkpoint = Path.Combine(directory, CheckpointFile);
        return File.Exists(checkpoint) && CampaignIterations(checkpoint) is { } campaign
            ? campaign
            : Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToArray();
    }

    // Null when the file is some other checkpoint.json (not a campaign's): the directory is then read as any other.
    private static string[]? CampaignIterations(string checkpoint)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(checkpoint));
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("schema", out JsonElement schema)
                || schema.ValueKind != JsonValueKind.String
                || schema.GetString() != CheckpointSchema)
            {
                return null;
            }

            if (!root.TryGetProperty("completed", out JsonElement completed) || completed.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{checkpoint}: $.completed: expected the array of finished iterations");
            }

            string directory = Path.GetDirectoryName(Path.GetFullPath(checkpoint))!;
            var files = new List<(int Iteration, string Path)>();
            foreach (JsonElement iteration in completed.EnumerateArray())
            {
                if (!iteration.TryGetProperty("iteration", out JsonElement number) || !number.TryGetInt32(out int n)
                    || !iteration.TryGetProperty("resultsFiles", out JsonElement results) || results.ValueKind != JsonValueKind.Array)
                {
                    throw new InvalidDataException($"{checkpoint}: $.completed: every iteration needs 'iteration' and 'resultsFiles'");
                }

                foreach (JsonElement file in results.EnumerateArray())
                {
                    string relative = file.GetString() ?? throw new InvalidDataException($"{checkpoint}: $.completed[].resultsFiles: expected file names");
                    files.Add((n, Path.GetFullPath(Path.Combine(directory, relative))));
                }
            }

            return files.OrderBy(f => f.Iteration).Select(f => f.Path).ToArray();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{checkpoint}:{(e.LineNumber ?? 0) + 1}: not JSON ({e.Message})", e);
        }
    }
}
