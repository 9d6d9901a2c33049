namespace Vypr.Cli.Commands;

/// <summary>The exit codes every <c>vypr</c> command uses (docs/cli.md lists them for CI scripts).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked and found nothing wrong.</summary>
    public const int Success = 0;

    /// <summary>The command worked and found what a CI gate fails on: a violation, a failed test, a regression, a missed threshold.</summary>
    public const int Failed = 1;

    /// <summary>The command line or a configuration file is wrong; the message says what and where.</summary>
    public const int UsageError = 2;

    /// <summary>The command could not do its work (a file that cannot be read or written, a server that cannot be reached).</summary>
    public const int Error = 3;

    /// <summary>The command was interrupted (Ctrl+C) and stopped after reporting what it had.</summary>
    public const int Interrupted = 130;
}
