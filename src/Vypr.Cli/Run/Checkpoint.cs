using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vypr.Cli.Run;

/// <summary>
/// <c>checkpoint.json</c> in the campaign directory: the campaign's inputs and every iteration finished so far. It is
/// rewritten (atomically) after each iteration, so a campaign killed at any moment resumes after the last iteration
/// whose results are complete.
/// </summary>
/// <param name="Schema">Always <see cref="CurrentSchema"/>.</param>
/// <param name="Inputs">The campaign's inputs when it started; a resume with other inputs is refused.</param>
/// <param name="Completed">The finished iterations, in the order they ran.</param>
internal sealed record Checkpoint(string Schema, IReadOnlyList<string> Inputs, IReadOnlyList<IterationRecord> Completed)
{
    /// <summary>The file's name in the campaign directory.</summary>
    public const string FileName = Vypr.Analysis.Inputs.ResultsDirectory.CheckpointFile;

    /// <summary>The schema this version writes and reads.</summary>
    public const string CurrentSchema = Vypr.Analysis.Inputs.ResultsDirectory.CheckpointSchema;

    /// <summary>The last finished iteration's number, or 0 when none has finished.</summary>
    [JsonIgnore]
    public int LastIteration => Completed.Count == 0 ? 0 : Completed.Max(c => c.Iteration);

    /// <summary>Reads the checkpoint of a campaign directory.</summary>
    /// <param name="directory">The campaign directory.</param>
    /// <returns>The checkpoint, or null when the directory has none.</returns>
    /// <exception cref="InvalidDataException">The file is not a checkpoint this version reads.</exception>
    public static Checkpoint? Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            Checkpoint? checkpoint = JsonSerializer.Deserialize(File.ReadAllText(path), CheckpointJsonContext.Default.Checkpoint);
            return checkpoint is { Schema: CurrentSchema, Inputs: not null, Completed: not null }
                ? checkpoint
                : throw new InvalidDataException($"{path}: not a checkpoint of schema '{CurrentSchema}'");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a checkpoint ({e.Message})", e);
        }
    }

    /// <summary>Writes the checkpoint beside, then renames it over the old one, so a reader never sees half of it.</summary>
    /// <param name="directory">The campaign directory.</param>
    public void Write(string directory)
    {
        string path = Path.Combine(directory, FileName);
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, CheckpointJsonContext.Default.Checkpoint);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>This checkpoint with one more finished iteration.</summary>
    /// <param name="iteration">The iteration.</param>
    /// <returns>The new checkpoint.</returns>
    public Checkpoint With(IterationRecord iteration) =>
        this with { Completed = [.. Completed.Where(c => c.Iteration != iteration.Iteration), iteration] };

    /// <summary>Whether the campaign's inputs are still the ones the checkpoint was written for.</summary>
    /// <param name="inputs">The inputs of the configuration now.</param>
    /// <returns>True when they are the same, in the same order.</returns>
    public bool SameInputs(IReadOnlyList<string> inputs) => Inputs.SequenceEqual(inputs, StringComparer.Ordinal);
}
