using System;

namespace Vypr.Load.Running;

/// <summary>A load run could not do its work: a test could not be constructed, or its startup failed.</summary>
public sealed class LoadRunException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="inner">The exception that caused it.</param>
    public LoadRunException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
