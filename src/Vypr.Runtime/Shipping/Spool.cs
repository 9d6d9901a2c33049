using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Vypr.Runtime.Shipping;

/// <summary>
/// Batches that the server has not acknowledged, one gzip'd request body per file, kept until a later flush or
/// a later run of the same server and project delivers them. A file's name says its run, first sequence, number of
/// verdicts and destination key (<c>{run}-{sequence}-{verdicts}-{key}-{unique}.json.gz</c>); the destination itself
/// (server, project, CI job) is in <c>{key}.destination.json</c> beside it, written before any batch that names it.
/// Files appear whole (written beside, then renamed) and are deleted only after the server acknowledged them; a batch
/// the server refuses as invalid is moved to <c>rejected/</c> for inspection.
/// </summary>
internal sealed class Spool
{
    private const string Extension = ".json.gz";
    private const string DescriptorExtension = ".destination.json";

    private readonly SpoolDestination _destination;
    private readonly Dictionary<string, SpoolDestination?> _destinations = new(StringComparer.Ordinal);
    private bool _descriptorWritten;

    public Spool(string directory, SpoolDestination destination)
    {
        Directory = directory;
        _destination = destination;
    }

    public string Directory { get; }

    /// <summary>Writes a batch of this shipper's destination; returns its file, or null (and nothing left) when the disk refuses.</summary>
    public string? TryWrite(byte[] body, Guid runId, long firstSequence, int verdicts)
    {
        string key = _destination.Key;
        // Names sort by run and first sequence, so a replay delivers a run's batches in the order they were made.
        string name = string.Create(CultureInfo.InvariantCulture, $"{runId:N}-{firstSequence:D19}-{verdicts}-{key}-{Guid.NewGuid():N}{Extension}");
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            if (!_descriptorWritten)
            {
                string descriptor = Path.Combine(Directory, key + DescriptorExtension);
                if (!File.Exists(descriptor))
                {
                    WriteWhole(descriptor, _destination.ToJson());
                }

                _descriptorWritten = true;
            }

            WriteWhole(Path.Combine(Directory, name), body);
            return Path.Combine(Directory, name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The batches waiting that a run of this shipper's server and project may deliver, oldest first.</summary>
    public IReadOnlyList<SpooledBatch> Pending()
    {
        string[] files;
        try
        {
            files = System.IO.Directory.GetFiles(Directory, "*" + Extension);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        Array.Sort(files, StringComparer.Ordinal);
        var pending = new List<SpooledBatch>(files.Length);
        foreach (string file in files)
        {
            if (Describe(file) is { } batch && batch.Destination.SameServerAndProject(_destination))
            {
                pending.Add(batch);
            }
        }

        return pending;
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

    /// <summary>Moves a batch the server refused aside, with the server's answer beside it; false when the disk refused.</summary>
    public bool Reject(string path, string problem)
    {
        try
        {
            string rejected = Path.Combine(Directory, "rejected");
            System.IO.Directory.CreateDirectory(rejected);
            string target = Path.Combine(rejected, Path.GetFileName(path));
            File.Move(path, target, overwrite: true);
            File.WriteAllText(target + ".problem.json", problem);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Writes a refused batch that was never spooled straight into <c>rejected/</c>.</summary>
    public bool TryWriteRejected(byte[] body, Guid runId, long firstSequence, int verdicts, string problem) =>
        TryWrite(body, runId, firstSequence, verdicts) is { } path && Reject(path, problem);

    // Files whose name does not parse or whose destination is unknown (written by a version that did not record
    // it) are left alone: no run can tell where they belong.
    private SpooledBatch? Describe(string path)
    {
        string name = Path.GetFileName(path)[..^Extension.Length];
        string[] parts = name.Split('-');
        if (parts.Length != 5
            || !Guid.TryParseExact(parts[0], "N", out Guid runId)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long firstSequence)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int verdicts))
        {
            return null;
        }

        if (!_destinations.TryGetValue(parts[3], out SpoolDestination? destination))
        {
            // Only found descriptors are remembered: a concurrent run may be about to write a missing one.
            destination = SpoolDestination.TryRead(Path.Combine(Directory, parts[3] + DescriptorExtension));
            if (destination is not null)
            {
                _destinations[parts[3]] = destination;
            }
        }

        return destination is null ? null : new SpooledBatch(path, runId, firstSequence, verdicts, destination);
    }

    private static void WriteWhole(string path, byte[] content)
    {
        string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
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
