using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Vypr.Cli.Storage;

/// <summary>Where <c>vypr run</c> keeps each iteration's results: the local store or a verdict server.</summary>
internal interface IResultsDestination
{
    /// <summary>The destination, for messages (never a token).</summary>
    string Description { get; }

    /// <summary>Stores results files; a file stored before is stored once (runs and verdicts have natural keys).</summary>
    /// <param name="resultsFiles">The results files (<c>vypr.run/1</c>), full paths.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>How many verdicts were new.</returns>
    /// <exception cref="ResultsNotStoredException">The destination refused the results or could not be reached.</exception>
    Task<int> StoreAsync(IReadOnlyList<string> resultsFiles, CancellationToken cancellationToken);
}
