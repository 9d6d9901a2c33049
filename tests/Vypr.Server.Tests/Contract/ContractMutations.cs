using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vypr.Contracts;
using Vypr.Server.Tests.Harness;

namespace Vypr.Server.Tests.Contract;

/// <summary>
/// Generates, from one valid document, a mutation for every documented constraint on every field it applies to:
/// every number given as a string, every double out of range or misspelt, every text with NUL, an unpaired
/// surrogate or nothing in it, every object with a key repeated (as is and in another case), every call-site line
/// and column 0, every instant pair out of order. Walking the document means a field added later is covered too.
/// </summary>
public static class ContractMutations
{
    private static readonly Guid s_runId = Guid.Parse("3e9a1f4c-2b7d-4c1a-9f3e-5d6c7b8a9e0f");

    // Texts the format defines (docs/results-format.md); the schema, GUIDs and instants have formats of their own.
    private static readonly HashSet<string> s_notTexts = ["schema", "runId", "startedAt", "endedAt"];

    private static readonly HashSet<string> s_doubles = ["severity", "value"];

    /// <summary>A valid document with every list filled once (summaries included).</summary>
    public static RunDocument Valid() =>
        new RunDocument(
            RunDocument.CurrentSchema,
            Documents.Run(s_runId),
            [Documents.Hash],
            [Documents.CallSites[0]],
            [Documents.Test(1)],
            [Documents.Verdict(1) with { Observations = [new ObservationInfo("duration", 60_000_000, "ns", "<= 50ms", false, 1)] }])
        {
            Summaries = [new CallSiteSummary(1, 1, 3, 1, 0, 10, 60_000_000, 60_000_100)],
        };

    public static IEnumerable<ContractMutation> All()
    {
        JsonObject valid = JsonNode.Parse(Documents.Json(Valid()))!.AsObject();
        var mutations = new List<ContractMutation>();
        Walk(valid, "$", valid, mutations);

        mutations.Add(new("test ended before it started", Edit(valid, d => d["tests"]![0]!["endedAt"] = Documents.Start.AddSeconds(-1).ToString("O")), "$.tests[0].endedAt"));
        mutations.Add(new("run ended before it started", Edit(valid, d => d["run"]!["endedAt"] = Documents.Start.AddSeconds(-1).ToString("O")), "$.run.endedAt"));
        mutations.Add(new("unknown schema", Edit(valid, d => d["schema"] = "vypr.run/2"), "$.schema"));
        mutations.Add(new("empty run ID", Edit(valid, d => d["run"]!["runId"] = Guid.Empty.ToString()), "$.run.runId"));
        mutations.Add(new("a number as a string in an array document", "[" + Edit(valid, d => d["verdicts"]![0]!["sequence"] = "5") + "]", "$[0].verdicts[0].sequence"));
        return mutations;
    }

    private static void Walk(JsonNode node, string path, JsonObject root, List<ContractMutation> mutations)
    {
        switch (node)
        {
            case JsonObject obj:
                string? first = null;
                foreach (KeyValuePair<string, JsonNode?> property in obj)
                {
                    first ??= property.Key;
                    if (property.Value is not null)
                    {
                        Walk(property.Value, $"{path}.{property.Key}", root, mutations);
                    }
                }

                if (first is not null)
                {
                    string variant = char.ToUpperInvariant(first[0]) + first[1..];
                    mutations.Add(new($"{path}: key '{first}' twice", WithDuplicate(root, path, first), $"{path}.{first}"));
                    mutations.Add(new($"{path}: key '{first}' and '{variant}'", WithDuplicate(root, path, variant), $"{path}.{variant}"));
                }

                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    Walk(array[i]!, $"{path}[{i}]", root, mutations);
                }

                break;
            case JsonValue value:
                string name = path[(path.LastIndexOf('.') + 1)..];
                if (value.GetValueKind() == JsonValueKind.Number)
                {
                    mutations.Add(new($"{path} as a string", Replace(root, path, JsonValue.Create(value.ToJsonString())), path));
                    if (s_doubles.Contains(name))
                    {
                        mutations.Add(new($"{path} beyond double's range", RawReplace(root, path, "1e400"), path));
                        mutations.Add(new($"{path} as \"nan\"", Replace(root, path, JsonValue.Create("nan")), path));
                        mutations.Add(new($"{path} as \"+Infinity\"", Replace(root, path, JsonValue.Create("+Infinity")), path));
                    }

                    if (name is "line" or "column")
                    {
                        mutations.Add(new($"{path} 0 (1-based)", Replace(root, path, JsonValue.Create(0)), path));
                    }
                }
                else if (value.GetValueKind() == JsonValueKind.String && !s_notTexts.Contains(name))
                {
                    string text = value.GetValue<string>();
                    mutations.Add(new($"{path} with NUL", Replace(root, path, JsonValue.Create(text + "\0" + text)), path));
                    mutations.Add(new($"{path} empty", Replace(root, path, JsonValue.Create(string.Empty)), path));
                    mutations.Add(new($"{path} with an unpaired high surrogate", RawReplace(root, path, "\"a\\ud800b\""), path));
                    mutations.Add(new($"{path} with an unpaired low surrogate", RawReplace(root, path, "\"\\udc00\""), path));
                }

                break;
        }
    }

    private static string Edit(JsonObject root, Action<JsonObject> edit)
    {
        var copy = root.DeepClone().AsObject();
        edit(copy);
        return copy.ToJsonString();
    }

    private static string Replace(JsonObject root, string path, JsonNode replacement) => Write(root, path, replacement.ToJsonString(), null);

    private static string RawReplace(JsonObject root, string path, string json) => Write(root, path, json, null);

    private static string WithDuplicate(JsonObject root, string objectPath, string key) => Write(root, objectPath, null, key);

    // Written by hand, token by token: JsonNode can neither hold a key twice nor write 1e400 or a lone surrogate.
    private static string Write(JsonObject root, string target, string? replacement, string? duplicateKey)
    {
        var text = new StringBuilder();
        Write(root, "$", target, replacement, duplicateKey, text);
        return text.ToString();
    }

    private static void Write(JsonNode node, string path, string target, string? replacement, string? duplicateKey, StringBuilder text)
    {
        if (path == target && replacement is not null)
        {
            text.Append(replacement);
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                text.Append('{');
                bool first = true;
                foreach (KeyValuePair<string, JsonNode?> property in obj)
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    text.Append(JsonValue.Create(property.Key).ToJsonString()).Append(':');
                    Write(property.Value!, $"{path}.{property.Key}", target, replacement, duplicateKey, text);
                    if (first && path == target && duplicateKey is not null)
                    {
                        text.Append(',').Append(JsonValue.Create(duplicateKey).ToJsonString()).Append(':').Append(property.Value!.ToJsonString());
                    }

                    first = false;
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Write(array[i]!, $"{path}[{i}]", target, replacement, duplicateKey, text);
                }

                text.Append(']');
                break;
            default:
                text.Append(node.ToJsonString());
                break;
        }
    }
}
