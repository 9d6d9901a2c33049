using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Runtime;
using Vypr.Server.Ingest;
using Vypr.Server.Storage;

namespace Vypr.Cli.Storage;

/// <summary>
/// A verdict store opened by the tool itself (the local SQLite file by default): results are checked and written by
/// the server's own validator and writer, so a local store holds exactly what a server would (the CI job's link
/// comes from each run, as on a server).
/// </summary>
/// <param name="location">The store.</param>
/// <param name="project">The project runs are stored under.</param>
internal sealed class StoreDestination(StoreLocation location, string project) : IResultsDestination
{
    public string Description => location.Describe();

    public async Task<int> StoreAsync(IReadOnlyList<string> resultsFiles, CancellationToken cancellationToken)
    {
        var batch = new List<(RunDocument Document, string Path)>();
        foreach (string file in resultsFiles)
        {
            RunDocument document;
            try
            {
                document = ResultsFile.Read(file);
                // Files written before summaries existed leave the property null.
                document = document with { Summaries = document.Summaries ?? [] };
                BatchValidator.Validate(document, "$");
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BatchRejectedException)
            {
                string where = e is BatchRejectedException rejected ? $" at {rejected.Field}" : string.Empty;
                throw new ResultsNotStoredException($"{file}{where}: {e.Message}", e);
            }

            batch.Add((document, "$"));
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        try
        {
            await using var database = new VerdictDatabase(location);
            await Migrations.ApplyAsync(database, cancellationToken);
            IngestOutcome outcome = await new IngestWriter(database).WriteAsync(batch, new IngestSource(project, null), cancellationToken);
            return outcome.VerdictsStored;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new ResultsNotStoredException($"{location.Describe()}: {e.Message}", e);
        }
    }
}
