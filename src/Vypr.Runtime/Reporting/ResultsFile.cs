using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Vypr.Contracts;

namespace Vypr.Runtime;

/// <summary>Writes and reads the JSON results file of a run (the <see cref="RunDocument"/> shape).</summary>
public static class ResultsFile
{
    /// <summary>The environment variable that chooses the results directory.</summary>
    public const string DirectoryVariable = "VYPR_RESULTS_DIR";

    /// <summary>Where results go: <c>VYPR_RESULTS_DIR</c> when set, else <c>vypr-results</c> beside the test assembly.</summary>
    public static string DefaultDirectory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "vypr-results");

    /// <summary>Writes <paramref name="document"/> to a new file in <paramref name="directory"/>, atomically.</summary>
    /// <param name="document">The run's results.</param>
    /// <param name="directory">The directory; created when missing.</param>
    /// <returns>The full path of the file written.</returns>
    /// <exception cref="IOException">
    /// The file could not be written (directory not writable, disk full...). Nothing is left under the file's name
    /// and the temporary file is removed, so no reader ever takes a partial file for a run's results.
    /// </exception>
    public static string Write(RunDocument document, string directory)
    {
        ArgumentNullException.ThrowIfNull(document);
        // Concatenated rather than interpolated: the handler's generic AppendFormatted<DateTimeOffset> is compiled at
        // run time in every test process for this one name.
        string name = "vypr-" + document.Run.Assembly + "-" + document.Run.StartedAt.ToString("yyyyMMdd'T'HHmmss", CultureInfo.CurrentCulture)
            + "-" + document.Run.RunId.ToString("N")[..8] + ".json";
        string path = Path.Combine(Path.GetFullPath(directory), name);

        // Readers (a CI step, the verdict shipper) must never see half a file: write beside it, then rename.
        string temporary = path + ".tmp";
        try
        {
            Directory.CreateDirectory(directory);
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                // Compact: a test run's file is read by programs (the CLI, the server's ingest, the analysis), and
                // the indentation made it about 1.6 times as large to format, write and flush.
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
                {
                    if (ResultsJsonWriter.Handles(document))
                    {
                        ResultsJsonWriter.Write(writer, document);
                    }
                    else
                    {
                        JsonSerializer.Serialize(writer, document, VyprJsonContext.Default.RunDocument);
                    }
                }

                // A full disk may only show when the data reaches it: find out before the rename makes the file "whole".
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            TryDelete(temporary);
            throw new IOException($"the results of run {document.Run.RunId} could not be written to {path}: {e.Message}", e);
        }
    }

    /// <summary>Reads a results file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The run's results.</returns>
    /// <exception cref="InvalidDataException">The file is not a results file of a schema this version reads.</exception>
    public static RunDocument Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        RunDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(stream, VyprJsonContext.Default.RunDocument);
        }
        catch (JsonException e)
        {
            string where = e.Path is { } jsonPath ? $" at {jsonPath}" : string.Empty;
            throw new InvalidDataException($"{path}: not a Vypr results file{where} ({e.Message})", e);
        }

        if (document is null || document.Schema != RunDocument.CurrentSchema)
        {
            throw new InvalidDataException(
                $"{path}: schema '{document?.Schema}' is not '{RunDocument.CurrentSchema}', the one this version reads");
        }

        return document;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The directory refuses even a delete: the name ends in .tmp, which no reader takes for results.
        }
    }
}
