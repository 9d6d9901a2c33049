using System;

namespace Vypr.Load.Configuration;

/// <summary>A plan that cannot be run: the message says what is wrong, where (file, line, column), and what was expected.</summary>
public sealed class LoadPlanException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="file">The plan file.</param>
    /// <param name="position">Where in it.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <param name="inner">The error that revealed it, if any.</param>
    public LoadPlanException(string file, SourcePosition position, string problem, Exception? inner = null)
        : base($"{file}({position.Line},{position.Column}): error: {problem}", inner)
    {
        File = file;
        Position = position;
        Problem = problem;
    }

    /// <summary>The plan file.</summary>
    public string File { get; }

    /// <summary>Where in the file.</summary>
    public SourcePosition Position { get; }

    /// <summary>What is wrong and what was expected, without the place.</summary>
    public string Problem { get; }
}
