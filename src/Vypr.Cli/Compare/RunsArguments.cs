using System.Collections.Generic;
using System.CommandLine;
using Vypr.Analysis.Inputs;
using Vypr.Contracts;

namespace Vypr.Cli.Compare;

/// <summary>
/// The arguments of the commands that analyse one set of runs (<c>vypr explain</c>, <c>vypr suggest</c>,
/// <c>vypr changes</c>): the runs, then the command's own options, then the output options.
/// </summary>
internal sealed class RunsArguments
{
    private readonly Argument<string[]> runs;

    /// <summary>Creates the arguments.</summary>
    /// <param name="description">What the command takes as runs.</param>
    public RunsArguments(string description)
    {
        runs = new Argument<string[]>("runs") { Description = description, Arity = ArgumentArity.OneOrMore };
    }

    /// <summary>The output options.</summary>
    public OutputArguments Output { get; } = new();

    /// <summary>Adds the runs, <paramref name="options"/> and the output options to a command, in that order.</summary>
    /// <param name="command">The command.</param>
    /// <param name="options">The command's own options.</param>
    public void AddTo(Command command, params Option[] options)
    {
        command.Add(runs);
        foreach (Option option in options)
        {
            command.Add(option);
        }

        Output.AddTo(command);
    }

    /// <summary>Reads the runs as results documents.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <returns>The runs.</returns>
    public IReadOnlyList<RunDocument> Documents(ParseResult parse) => RunSources.Open(parse.GetValue(runs)!).Runs;

    /// <summary>Reads the runs as measured runs (results and samples files alike).</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <returns>The runs.</returns>
    public IReadOnlyList<MeasuredRun> Measured(ParseResult parse) => RunSources.Read(parse.GetValue(runs)!);
}
