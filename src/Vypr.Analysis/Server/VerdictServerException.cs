using System;
using System.IO;

namespace Vypr.Analysis.Server;

/// <summary>A verdict server could not be reached, or refused a read; the message names the request and the server's answer.</summary>
public sealed class VerdictServerException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, with the request.</param>
    /// <param name="innerException">The cause, when there is one.</param>
    public VerdictServerException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
