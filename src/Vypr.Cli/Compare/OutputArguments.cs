using System;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vypr.Cli.Compare;

/// <summary>The output options every analysis command has.</summary>
internal sealed class OutputArguments
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private readonly Option<string> format = new("--format") { Description = "markdown (fits a pull-request comment), html (a self-contained report with charts) or json.", DefaultValueFactory = _ => "markdown" };
    private readonly Option<string?> output = new("--output", "-o") { Description = "Write the report to this file instead of standard output." };

    /// <summary>Adds the options to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        format.AcceptOnlyFromAmong("markdown", "html", "json");
        command.Add(format);
        command.Add(output);
    }

    /// <summary>Writes the report in the chosen format.</summary>
    /// <typeparam name="T">The report's type.</typeparam>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="value">The report.</param>
    /// <param name="markdown">Its Markdown form.</param>
    /// <param name="html">Its HTML form, when the command has one.</param>
    /// <exception cref="UsageException">HTML was asked of a command that has none.</exception>
    public void Write<T>(ParseResult parse, T value, Func<T, string> markdown, Func<T, string>? html = null)
    {
        string text = parse.GetValue(format) switch
        {
            "json" => JsonSerializer.Serialize(value, Json) + "\n",
            "html" => html is null ? throw new UsageException("--format html: this command writes markdown or json") : html(value),
            _ => markdown(value),
        };
        if (parse.GetValue(output) is { Length: > 0 } path)
        {
            File.WriteAllText(path, text);
        }
        else
        {
            Console.Out.Write(text);
        }
    }
}
