using System.IO;
using System.Text.Json;
using Vypr.Analysis.History;
using Vypr.Analysis.Inputs;

namespace Vypr.Cli.Changes;

/// <summary>Reads and writes the baselines file (<c>vypr.baselines/1</c>), atomically.</summary>
internal static class BaselinesFile
{
    /// <summary>Reads the file; a missing file means no baselines.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The baselines.</returns>
    /// <exception cref="InvalidDataException">The file is malformed or of another schema.</exception>
    public static Baselines Read(string path)
    {
        if (!File.Exists(path))
        {
            return Baselines.Empty;
        }

        Baselines? read;
        try
        {
            read = JsonSerializer.Deserialize(File.ReadAllText(path), AnalysisJson.Baselines);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{(e.LineNumber ?? 0) + 1}: {e.Path}: {e.Message}", e);
        }

        if (read is null || read.Schema != Baselines.CurrentSchema)
        {
            throw new InvalidDataException($"{path}: $.schema is '{read?.Schema}'; expected '{Baselines.CurrentSchema}'");
        }

        return read;
    }

    /// <summary>Writes the file beside itself and renames it, so a reader never sees half of it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="baselines">The baselines.</param>
    public static void Write(string path, Baselines baselines)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(baselines, AnalysisJson.Baselines));
        File.Move(temporary, path, overwrite: true);
    }
}
