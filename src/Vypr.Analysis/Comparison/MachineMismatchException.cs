using System;
using System.Collections.Generic;

namespace Vypr.Analysis.Comparison;

/// <summary>Thrown when runs from different machines would be compared without the caller allowing it.</summary>
public sealed class MachineMismatchException : Exception
{
    /// <summary>Creates the exception for the machines found.</summary>
    /// <param name="machines">The distinct machine fingerprints found on the two sides.</param>
    public MachineMismatchException(IReadOnlyList<string> machines)
        : base($"The runs come from different machines ({string.Join(" | ", machines)}); their speed and noise differ, so a ratio would measure the machines. Compare runs of one machine, or allow it explicitly (--allow-different-machines).")
    {
        Machines = machines;
    }

    /// <summary>Creates the exception with a message.</summary>
    public MachineMismatchException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public MachineMismatchException(string message)
        : base(message)
    {
        Machines = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MachineMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Machines = [];
    }

    /// <summary>The distinct machine fingerprints found.</summary>
    public IReadOnlyList<string> Machines { get; }
}
