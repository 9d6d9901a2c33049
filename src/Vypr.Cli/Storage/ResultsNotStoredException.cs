using System;

namespace Vypr.Cli.Storage;

/// <summary>Results could not be stored: the server refused them or could not be reached, or the store failed.</summary>
internal sealed class ResultsNotStoredException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and where.</param>
    /// <param name="inner">The cause, when there is one.</param>
    public ResultsNotStoredException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
