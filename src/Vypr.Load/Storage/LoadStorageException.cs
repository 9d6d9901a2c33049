using System;

namespace Vypr.Load.Storage;

/// <summary>A load run's results could not be stored (the server refused them or was not reached, the store could not be written).</summary>
public sealed class LoadStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LoadStorageException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and why.</param>
    public LoadStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and why.</param>
    /// <param name="inner">The cause.</param>
    public LoadStorageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
