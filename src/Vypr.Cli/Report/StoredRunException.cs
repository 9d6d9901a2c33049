using System;

namespace Vypr.Cli.Report;

/// <summary>A stored run cannot be read: the store or server is missing, unreachable or refuses, or has no such run.</summary>
internal sealed class StoredRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and where.</param>
    /// <param name="inner">The cause, when there is one.</param>
    public StoredRunException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
