using System;
using System.Collections.Generic;
using System.IO;

namespace Vypr.Runtime.Shipping;

/// <summary>
/// Batches that the server has not acknowledged, one gzip'd request body per file, kept until a later flush or
/// a later run delivers them. Files appear whole (written beside, then renamed) and are deleted only after the
/// server acknowledged them; a batch the server refuses as invalid is moved to <c>rejected/</c> for inspection.
/// </summary>
internal sealed class Spool(string directory)
{
    private const string Extension = ".json.gz";

    public string Directory { get; } = directory;

    /// <summary>Writes a batch; returns its file, or null (and nothing written) when the disk refuses.</summary>
    public string? TryWrite(byte[] body, Guid runId, long firstSequence)
    {
        // Names sort by run and first sequence, so a replay delivers a run's batches in the order they were made.
        string name = $"{runId:N}-{firstSequence:D19}-{Guid.NewGuid():N}{Extension}";
        string path = Path.Combine(Directory, name);
        string temporary = path + ".tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(body);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return null;
        }
    }

    /// <summary>The batches waiting, oldest first.</summary>
    public IReadOnlyList<string> Pending()
    {
        try
        {
            string[] files = System.IO.Directory.GetFiles(Directory, "*" + Extension);
            Array.Sort(files, StringComparer.Ordinal);
            return files;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Reads a waiting batch; null when another process delivered and deleted it meanwhile.</summary>
    public static byte[]? TryRead(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static void Delivered(string path) => TryDelete(path);

    /// <summary>Moves a batch the server refused aside, with the server's answer beside it.</summary>
    public void Reject(string path, string problem)
    {
        try
        {
            string rejected = Path.Combine(Directory, "rejected");
            System.IO.Directory.CreateDirectory(rejected);
            string target = Path.Combine(rejected, Path.GetFileName(path));
            File.Move(path, target, overwrite: true);
            File.WriteAllText(target + ".problem.json", problem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left in place, it is offered again next time; the server will refuse it again, harmlessly.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another process replaying the same spool may hold it; it deletes it itself once delivered.
        }
    }
}
