using System;

namespace Vypr.Runtime.Runs;

/// <summary>A monitored run could not keep all its verdicts (results file not written, verdicts lost or refused by the server).</summary>
public sealed class RunIncompleteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunIncompleteException()
    {
    }

    /// <summary>Creates the exception with what went wrong.</summary>
    /// <param name="message">What went wrong.</param>
    public RunIncompleteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with what went wrong and why.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public RunIncompleteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
