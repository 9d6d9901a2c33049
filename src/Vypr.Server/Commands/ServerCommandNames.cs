using System;

namespace Vypr.Server;

/// <summary>
/// How messages name the program and its commands: <c>vypr-server tokens create</c> when the server's executable runs
/// a command, <c>vypr token create</c> when the <c>vypr</c> tool runs the same command, so a user is never told to type
/// a command of a program they did not run.
/// </summary>
public sealed class ServerCommandNames
{
    /// <summary>The server executable's own names: <c>vypr-server</c>, <c>serve</c>, <c>tokens create</c>.</summary>
    public static readonly ServerCommandNames Server = new("vypr-server", command => command, "vypr-server tokens create", messagesNameCommand: false);

    /// <summary>The <c>vypr</c> tool's names: <c>vypr serve</c>, <c>vypr token create</c>.</summary>
    public static readonly ServerCommandNames Tool = new("vypr", command => command.StartsWith("tokens", StringComparison.Ordinal) ? "token" + command[6..] : command, "vypr token create", messagesNameCommand: true);

    private readonly Func<string, string> _command;
    private readonly bool _messagesNameCommand;

    private ServerCommandNames(string program, Func<string, string> command, string createToken, bool messagesNameCommand)
    {
        Program = program;
        _command = command;
        CreateToken = createToken;
        _messagesNameCommand = messagesNameCommand;
    }

    /// <summary>The program as the user typed it (<c>vypr-server</c>, <c>vypr</c>).</summary>
    public string Program { get; }

    /// <summary>The command line that creates an API token, for messages that tell a user to make one.</summary>
    public string CreateToken { get; }

    /// <summary>A server command (<c>tokens create</c>) as this program's user types it (<c>token create</c>).</summary>
    /// <param name="command">The server's command.</param>
    /// <returns>The command's name in this program.</returns>
    public string Command(string command) => _command(command);

    /// <summary>The program and a command (<c>vypr token create</c>): what messages about that command start with.</summary>
    /// <param name="command">The server's command.</param>
    /// <returns>The full name.</returns>
    public string Full(string command) => $"{Program} {Command(command)}";

    /// <summary>
    /// What a message about a command starts with: <c>vypr-server</c> (its commands are named inside the message), or
    /// <c>vypr token create</c> (each of the tool's commands is a command of its own, with its own help).
    /// </summary>
    /// <param name="command">The server's command, when known.</param>
    /// <returns>The prefix, without the colon.</returns>
    public string Prefix(string? command) => _messagesNameCommand && command is not null ? Full(command) : Program;
}
