using System;
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
    public static string Write(RunDocument document, string directory)
    {
        Directory.CreateDirectory(directory);
        string name = $"vypr-{document.Run.Assembly}-{document.Run.StartedAt:yyyyMMdd'T'HHmmss}-{document.Run.RunId.ToString("N")[..8]}.json";
        string path = Path.Combine(directory, name);

        // Readers (a CI step, the verdict shipper) must never see half a file: write beside it, then rename.
        string temporary = path + ".tmp";
        using (FileStream stream = File.Create(temporary))
        {
            JsonSerializer.Serialize(stream, document, VyprJsonContext.Default.RunDocument);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
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
            throw new InvalidDataException($"{path}: not a Vypr results file ({e.Message})", e);
        }

        if (document is null || document.Schema != RunDocument.CurrentSchema)
        {
            throw new InvalidDataException(
                $"{path}: schema '{document?.Schema}' is not '{RunDocument.CurrentSchema}', the one this version reads");
        }

        return document;
    }
}
