using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Vypr.Analysis.Inputs;
using Vypr.Contracts;

namespace Vypr.Cli.Suggest;

/// <summary>Reads Vypr results files (<c>vypr.run/1</c>) for the commands that need whole documents.</summary>
internal static class ResultsFiles
{
    /// <summary>A directory's <c>*.json</c> files by name, or the file itself.</summary>
    /// <param name="path">A file or directory.</param>
    /// <returns>The files.</returns>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    public static IEnumerable<string> Expand(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal);
        }

        return File.Exists(path) ? [path] : throw new FileNotFoundException($"{path}: no such file or directory", path);
    }

    /// <summary>Reads one results file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The document.</returns>
    /// <exception cref="InvalidDataException">Not a results file of this schema, or malformed.</exception>
    public static RunDocument Read(string path)
    {
        RunDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(File.ReadAllText(path), AnalysisJson.RunDocument);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{(e.LineNumber ?? 0) + 1}: {e.Path}: {e.Message}", e);
        }

        if (document is null || document.Schema != RunDocument.CurrentSchema)
        {
            throw new InvalidDataException($"{path}: $.schema is '{document?.Schema}'; expected '{RunDocument.CurrentSchema}' (a Vypr results file)");
        }

        return document;
    }
}
