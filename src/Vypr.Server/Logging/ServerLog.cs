using Microsoft.Extensions.Logging;

namespace Vypr.Server.Logging;

/// <summary>
/// What an operator needs to see: every batch stored or refused, and every refused token. Source-generated
/// (<see cref="LoggerMessageAttribute"/>): no formatting or boxing unless the level is enabled.
/// </summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Stored a batch for project {Project}: {Runs} run(s), {Received} verdicts received, {Stored} new")]
    public static partial void BatchStored(ILogger logger, string project, int runs, int received, int stored);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Refused a batch for project {Project} with {Status}: {Field}: {Reason}")]
    public static partial void BatchRefused(ILogger logger, string project, int status, string field, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Refused a token from {Remote} for {Path}: {Reason}")]
    public static partial void TokenRefused(ILogger logger, string? remote, string path, string reason);
}
