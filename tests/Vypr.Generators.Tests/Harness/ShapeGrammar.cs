using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Vypr.Tests.Shared.Corpus;

namespace Vypr.Generators.Tests.Harness;

/// <summary>
/// Generates random call shapes from a small grammar of what C# allows at a call site: a receiver (static, class,
/// struct with plain or readonly members, readonly struct, extension by value, <c>in</c> or <c>ref</c>), up to four
/// parameters of every passing kind and annotation, a return of every kind (void, values, nullable texts, references,
/// tasks), an optional type parameter under any constraint, and the expression context the call sits in.
/// </summary>
public sealed class ShapeGrammar(int seed)
{
    private static readonly string[] s_receivers = ["static", "class", "struct", "struct-readonly-member", "readonly-struct", "extension-class", "extension-in", "extension-ref"];
    private static readonly string[] s_returns = ["void", "int", "string?", "ref int", "ref readonly int", "Task<int>", "Task", "ValueTask", "ValueTask<int>", "int?"];
    private static readonly string[] s_parameters = ["int", "string?", "ref int", "out int", "in int", "ref readonly int", "Span<int>", "scoped ReadOnlySpan<char>", "[NotNullWhen(true)] string?", "[AllowNull] string", "int = 5", "object?"];
    private static readonly string[] s_constraints = ["", "unmanaged", "notnull", "new()", "class", "struct"];

    private readonly Random _random = new(seed);

    public Shape Next(int index)
    {
        string receiver = Pick(s_receivers);
        string returns = Pick(s_returns);
        bool isAsync = returns.Contains("Task", StringComparison.Ordinal);
        bool hasParams = _random.Next(4) == 0;
        var parameters = Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Pick(s_parameters))
            .Where(p => !isAsync || !p.Contains("Span", StringComparison.Ordinal))
            .ToList();

        // Optional parameters come last; a params array closes the list.
        parameters = parameters.Where(p => !p.Contains('=', StringComparison.Ordinal)).Concat(parameters.Where(p => p.Contains('=', StringComparison.Ordinal))).ToList();
        string? constraint = _random.Next(3) == 0 ? Pick(s_constraints) : null;
        string context = isAsync || returns.StartsWith("ref", StringComparison.Ordinal) || returns == "void" ? "plain" : Pick(["plain", "checked", "condition", "argument"]);

        var declared = new List<string>();
        var arguments = new List<string>();
        var setup = new StringBuilder();
        var body = new StringBuilder();
        for (int k = 0; k < parameters.Count; k++)
        {
            string p = parameters[k];
            declared.Add(p.Replace("= 5", $"p{k} = 5", StringComparison.Ordinal) is var withDefault && withDefault.Contains('=', StringComparison.Ordinal) ? "int " + $"p{k} = 5" : $"{p} p{k}");
            switch (p)
            {
                case "int": arguments.Add("1"); break;
                case "string?" or "[NotNullWhen(true)] string?" or "object?": arguments.Add(_random.Next(2) == 0 ? "null" : "\"x\""); break;
                case "[AllowNull] string": arguments.Add("null"); break;
                case "ref int": setup.Append($"int a{k} = 0; "); arguments.Add($"ref a{k}"); break;
                case "out int": arguments.Add($"out int o{k}"); body.Append($"p{k} = 1; "); break;
                case "in int" or "ref readonly int": setup.Append($"int a{k} = 0; "); arguments.Add($"in a{k}"); break;
                case "Span<int>": setup.Append($"Span<int> s{k} = stackalloc int[2]; "); arguments.Add($"s{k}"); break;
                case "scoped ReadOnlySpan<char>": arguments.Add("\"ab\""); break;
                case "int = 5":
                    // A named argument out of position cannot be followed by the positional params elements.
                    if (!hasParams && _random.Next(2) == 0)
                    {
                        arguments.Add($"p{k}: 3");
                    }

                    break;
            }
        }

        if (hasParams)
        {
            declared.Add("params int[] rest");
            arguments.Add(string.Join(", ", Enumerable.Range(0, _random.Next(0, 3)).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        string typeParameters = string.Empty;
        string where = string.Empty;
        string typeArguments = string.Empty;
        if (constraint is not null)
        {
            typeParameters = "<T>";
            where = constraint.Length > 0 ? $" where T : {constraint}" : string.Empty;
            typeArguments = constraint is "class" or "new()" ? "<object>" : "<int>";
            declared.Insert(0, "T t");
            arguments.Insert(0, constraint is "class" or "new()" ? "new object()" : "2");
        }

        body.Append(returns switch
        {
            "void" => string.Empty,
            "int" => "return 7;",
            "int?" => "return 7;",
            "string?" => "return \"s\";",
            "ref int" or "ref readonly int" => "return ref Cell.Value;",
            "Task<int>" => "return Task.FromResult(7);",
            "Task" => "return Task.CompletedTask;",
            "ValueTask" => "return default;",
            _ => "return new ValueTask<int>(7);",
        });

        string modifiers = receiver switch
        {
            "static" or "extension-class" or "extension-in" or "extension-ref" => "static ",
            "struct-readonly-member" => "readonly ",
            _ => string.Empty,
        };
        string thisParameter = receiver switch
        {
            "extension-class" => "this K k",
            "extension-in" => "this in P k",
            "extension-ref" => "this ref P k",
            _ => string.Empty,
        };
        if (thisParameter.Length > 0)
        {
            declared.Insert(0, thisParameter);
        }

        string method = $"BOUND public {modifiers}{returns} M{typeParameters}({string.Join(", ", declared.Where(d => d.Length > 0))}){where} {{ {body} }}";
        (string declarations, string target, string receiverText) = receiver switch
        {
            "static" => ($"public static class S {{ {method} }}", "S", "S"),
            "class" => ($"public sealed class K {{ {method} }}", "K", "new K()"),
            "struct" or "struct-readonly-member" => ($"public struct P {{ public int X; {method} }}", "P", "p"),
            "readonly-struct" => ($"public readonly struct P {{ public readonly int X; {method} }}", "P", "p"),
            "extension-class" => ($"public sealed class K {{ }} public static class E {{ {method} }}", "E", "new K()"),
            _ => ($"public struct P {{ public int X; }} public static class E {{ {method} }}", "E", "p"),
        };
        declarations += " public static class Cell { public static int Value = 7; }";
        if (receiverText == "p")
        {
            setup.Append("var p = new P(); ");
        }

        string call = $"{receiverText}.M{typeArguments}({string.Join(", ", arguments.Where(a => a.Length > 0))})";
        string? change = null;
        string statement = (returns, context) switch
        {
            ("void", _) => call + ";",
            ("ref int", _) => $"ref int r = ref {call}; if (r != 7) Checks.Fail();",
            ("ref readonly int", _) => $"ref readonly int r = ref {call}; if (r != 7) Checks.Fail();",
            ("Task<int>" or "ValueTask<int>", _) => $"if (await {call} != 7) Checks.Fail();",
            ("Task" or "ValueTask", _) => $"await {call};",
            ("string?", _) => $"string? r = {call}; if (r != \"s\") Checks.Fail();",
            (_, "checked") => $"int r = checked({call} + 0) ?? 0; if (r != 7) Checks.Fail();",
            (_, "condition") => $"if ({call} != 7) Checks.Fail();",
            (_, "argument") => $"if (Math.Max({call} ?? 0, 0) != 7) Checks.Fail();",
            _ => $"var r = {call}; if (r != 7) Checks.Fail();",
        };
        if (returns == "int")
        {
            statement = statement.Replace(" ?? 0", string.Empty, StringComparison.Ordinal);
        }

        if (returns == "string?")
        {
            change = "r";
        }

        string description = $"#{index}: {receiver} {returns} M{typeParameters}({string.Join(", ", declared)}){where} in {context}";
        return new Shape(
            description,
            declarations + " public static class Checks { public static void Fail() => throw new InvalidOperationException(\"wrong result\"); }",
            target,
            "M",
            setup + statement,
            IsAsync: isAsync,
            Change: change);
    }

    private string Pick(string[] options) => options[_random.Next(options.Length)];
}
