using System;

namespace Vypr.Runtime.Runs;

/// <summary>Fails a test whose monitored calls violated a performance specification.</summary>
public sealed class PerformanceSpecificationException : Exception
{
    /// <summary>Creates the exception with a message that lists each violation.</summary>
    /// <param name="message">The list of violations.</param>
    public PerformanceSpecificationException(string message)
        : base(message)
    {
    }
}
