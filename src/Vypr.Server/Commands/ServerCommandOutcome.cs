namespace Vypr.Server;

/// <summary>How a <see cref="ServerCommand"/> ended; each executable maps it to its own exit codes.</summary>
public enum ServerCommandOutcome
{
    /// <summary>The command did its work (a server stopped by its host counts as success).</summary>
    Success,

    /// <summary>The command line is wrong; the message and the usage were written.</summary>
    UsageError,

    /// <summary>The store or the network failed (a database error, an address in use, a file that cannot be written).</summary>
    Failed,

    /// <summary>What the command names does not exist (<c>tokens revoke</c> of a name with no live token).</summary>
    NotFound,
}
