using System;

namespace Vypr.Cli.Run;

/// <summary><c>vypr.yml</c> is wrong; the message is <c>file(line,column): error: what was expected</c>.</summary>
internal sealed class CampaignConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CampaignConfigException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where.</param>
    public CampaignConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where.</param>
    /// <param name="innerException">The cause.</param>
    public CampaignConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a place in a file.</summary>
    /// <param name="file">The file.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <returns>The exception.</returns>
    public static CampaignConfigException At(string file, long line, long column, string problem) =>
        new($"{file}({line},{column}): error: {problem}");
}
