using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vypr.Configuration;

/// <summary>
/// Reads the nodes of a hand-written YAML file (<c>vypr.yml</c>, a load plan) so that every error says where:
/// syntax errors at YamlDotNet's mark, every other error at the node at fault, both as the file's own exception
/// (made by the reader's error factory from the 1-based line and column and the problem). One source file, compiled
/// into each project that reads such a file (Vypr.Cli, Vypr.Load), so neither exposes it.
/// </summary>
internal sealed class YamlNodeReader(Func<long, long, string, Exception> error)
{
    /// <summary>Parses <paramref name="text"/>; null when it holds no document or an empty one.</summary>
    /// <param name="text">The YAML.</param>
    /// <param name="syntaxError">Makes the exception for a syntax error from its line, column, problem and YamlDotNet's exception.</param>
    /// <returns>The first document's root node, or null.</returns>
    public static YamlNode? Parse(string text, Func<long, long, string, YamlException, Exception> syntaxError)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw syntaxError(e.Start.Line, e.Start.Column, $"not valid YAML: {Innermost(e).Message}", e);
        }

        return stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" }
            ? null
            : stream.Documents[0].RootNode;
    }

    /// <summary>The error for <paramref name="node"/>, at its line and column.</summary>
    /// <param name="node">The node at fault.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <returns>The exception to throw.</returns>
    public Exception Error(YamlNode node, string problem) => error(node.Start.Line, node.Start.Column, problem);

    /// <summary>The node as a mapping whose keys are all among <paramref name="keys"/>.</summary>
    /// <param name="node">The node.</param>
    /// <param name="what">What the node is, for errors (<c>the plan</c>, <c>a project entry</c>).</param>
    /// <param name="keys">The keys it may have.</param>
    /// <returns>The mapping.</returns>
    public YamlMappingNode Mapping(YamlNode node, string what, string[] keys)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, $"{what} must be a mapping (key: value lines) with keys {string.Join(", ", keys)}; it is {Describe(node)}.");
        }

        foreach (YamlNode key in mapping.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || Array.IndexOf(keys, name) < 0)
            {
                throw Error(key, $"unknown key '{key}' in {what}: expected one of {string.Join(", ", keys)}.");
            }
        }

        return mapping;
    }

    /// <summary>The value of <paramref name="key"/>, when the mapping has it.</summary>
    public static bool TryGet(YamlMappingNode mapping, string key, [NotNullWhen(true)] out YamlNode? value) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out value);

    /// <summary>The value of <paramref name="key"/> as a non-empty text, or null when the mapping lacks the key.</summary>
    public YamlScalarNode? OptionalScalar(YamlMappingNode mapping, string key)
    {
        if (!TryGet(mapping, key, out YamlNode? node))
        {
            return null;
        }

        return node is YamlScalarNode { Value: { Length: > 0 } } scalar
            ? scalar
            : throw Error(node, $"'{key}' is {Describe(node)}: expected a non-empty text.");
    }

    /// <summary>The node as a finite number of at least <paramref name="minimum"/>.</summary>
    /// <param name="node">The node.</param>
    /// <param name="key">Its key, for errors.</param>
    /// <param name="expected">What was expected, for errors.</param>
    /// <param name="minimum">The smallest value allowed.</param>
    /// <returns>The number.</returns>
    public double Number(YamlNode node, string key, string expected, double minimum = double.NegativeInfinity) =>
        node is YamlScalarNode scalar
        && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
        && double.IsFinite(value)
        && value >= minimum
            ? value
            : throw Error(node, $"'{key}' is {Describe(node)}: expected {expected}.");

    /// <summary>A node as errors describe it: its text in quotes, <c>empty</c>, <c>a list</c> or <c>a mapping</c>.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" } => "empty",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        YamlSequenceNode => "a list",
        _ => "a mapping",
    };

    private static Exception Innermost(YamlException e) => e.InnerException is YamlException inner ? Innermost(inner) : e;
}
