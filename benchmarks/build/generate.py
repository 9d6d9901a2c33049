#!/usr/bin/env python3
"""Writes the build-cost benchmark library: 400 files with 3,000 monitored call sites.

The same sources are compiled by two projects: Vypr/ (imports src/Vypr.props: generator, analyzers, runtime) and
Plain/ (references Vypr.Specs only, so the attributes and specifications compile but nothing is woven).
Output: benchmarks/build/generated/ (ignored by git). Deterministic: the same files on every run.
"""
import os
import sys

FILES = 400
SITES = 3000
ROOT = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "generated")

CORE = {
    "Hashing.cs": '''using Vypr;

namespace BuildCost.Core;

public static class Hashing
{
    [MaxDuration("50ms")]
    public static int Hash(string text)
    {
        int h = 17;
        foreach (char c in text)
        {
            h = unchecked(h * 31 + c);
        }

        return h;
    }

    [MaxDuration("10ms")]
    public static long Mix(long a, long b) => unchecked((a * 0x1E3779B97F4A7C15L) ^ (b + (a << 6) + (a >> 2)));

    [MaxDuration(5, DurationUnit.Milliseconds)]
    public static T Pick<T>(T first, T second) where T : System.IComparable<T> => first.CompareTo(second) >= 0 ? first : second;
}
''',
    "IStore.cs": '''namespace BuildCost.Core;

public interface IStore
{
    int Put(string key, int value);

    bool TryGet(string key, out int value);
}
''',
    "MemoryStore.cs": '''using System.Collections.Generic;
using Vypr;

namespace BuildCost.Core;

public sealed class MemoryStore : IStore
{
    private readonly Dictionary<string, int> _values = new();

    [MaxDuration("20ms")]
    public int Put(string key, int value)
    {
        _values[key] = value;
        return _values.Count;
    }

    [MaxDuration("20ms")]
    public bool TryGet(string key, out int value) => _values.TryGetValue(key, out value);
}
''',
    "NullStore.cs": '''using Vypr;

namespace BuildCost.Core;

public sealed class NullStore : IStore
{
    [MaxDuration("1ms")]
    public int Put(string key, int value) => 0;

    public bool TryGet(string key, out int value)
    {
        value = 0;
        return false;
    }
}
''',
    "TextEncoder.cs": '''using System.Text;
using System.Threading.Tasks;
using Vypr;

namespace BuildCost.Core;

public sealed class TextEncoder
{
    [MaxDuration("20ms")]
    public string Encode(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(char.IsLetter(c) ? (char)(c ^ 0x20) : c);
        }

        return builder.ToString();
    }

    [MaxDuration("100ms")]
    public async Task<int> CountAsync(string text)
    {
        await Task.Yield();
        return text.Length;
    }
}
''',
    "TextExtensions.cs": '''using Vypr;

namespace BuildCost.Core;

public static class TextExtensions
{
    [MaxDuration("1ms")]
    public static string Shout(this string text) => text.ToUpperInvariant() + "!";
}
''',
    "Pipeline.cs": '''namespace BuildCost.Core;

public sealed class Pipeline
{
    private readonly TextEncoder _encoder = new();

    public int Process(int n, string text)
    {
        long mixed = Hashing.Mix(n, 3);
        string encoded = _encoder.Encode(text);
        return (int)mixed ^ encoded.Length;
    }
}
''',
    "PipelineSpecifications.cs": '''using Vypr;

namespace BuildCost.Core;

public static class PipelineSpecifications
{
    [PerformanceSpecification]
    public static Specification MixingIsQuick => Specification
        .For<Pipeline>(nameof(Pipeline.Process))
        .Forall("q", Changes.Of("n"))
        .Forall("t", Calls.To(nameof(Hashing.Mix)).After("q"))
        .Check((q, t) => Formula.If(q.Value() > 1).Then(t.Duration() < Duration.Milliseconds(10)));

    [PerformanceSpecification]
    public static Specification SmallTextsEncodeQuickly => Specification
        .For<Pipeline>(nameof(Pipeline.Process))
        .Forall("e", Calls.To<TextEncoder>(nameof(TextEncoder.Encode)))
        .Check(e => Formula.If(e.Argument("text").Length() <= 1024).Then(e.Duration() < Duration.Milliseconds(20)));
}
''',
}

# Each monitored call is one statement; {v} is a per-statement variable suffix.
MONITORED = [
    "int h{v} = Hashing.Hash(text);",
    "long m{v} = Hashing.Mix(seed, {v});",
    "int p{v} = Hashing.Pick(seed, {v});",
    "string e{v} = _encoder.Encode(text);",
    "int c{v} = await _encoder.CountAsync(text);",
    "int s{v} = _store.Put(text, seed + {v});",
    "bool g{v} = _store.TryGet(text, out int got{v});",
    "string x{v} = text.Shout();",
    "string q{v} = Hashing.Pick<string>(text, \"k{v}\");",
]

# Ordinary code around the calls, so the library is not all monitored calls.
FILLER = '''        var words = new List<string>();
        foreach (string part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {{
            if (part.Length > {k} % 7)
            {{
                words.Add(part.Trim().ToLowerInvariant());
            }}
        }}

        int total = words.Where(w => w.Length > 1).Select(w => w.Length * {k}).Sum();
        var counts = new Dictionary<char, int>();
        foreach (char ch in text)
        {{
            counts[ch] = counts.TryGetValue(ch, out int n) ? n + 1 : 1;
        }}

        _log.Add(string.Join(",", counts.OrderBy(kv => kv.Key).Take(3).Select(kv => $"{{kv.Key}}={{kv.Value}}")));
        total += Local{k}(total, seed);
'''


def feature(index, calls):
    lines = [
        "using System;",
        "using System.Collections.Generic;",
        "using System.Linq;",
        "using System.Text;",
        "using System.Threading.Tasks;",
        "using BuildCost.Core;",
        "",
        f"namespace BuildCost.Features.Group{index % 20};",
        "",
        f"public sealed class Feature{index}",
        "{",
        "    private readonly IStore _store;",
        "    private readonly TextEncoder _encoder = new();",
        "    private readonly List<string> _log = new();",
        "",
        f"    public Feature{index}(IStore store) => _store = store;",
        "",
        "    public IReadOnlyList<string> Log => _log;",
        "",
    ]
    methods = 4
    per_method = [calls // methods + (1 if m < calls % methods else 0) for m in range(methods)]
    counter = index
    for m in range(methods):
        k = index * 10 + m
        lines.append(f"    public async Task<int> Run{m}Async(string text, int seed)")
        lines.append("    {")
        lines.extend(FILLER.format(k=k).rstrip("\n").split("\n"))
        for j in range(per_method[m]):
            template = MONITORED[counter % len(MONITORED)]
            counter += 1
            lines.append("        " + template.format(v=f"{m}_{j}"))
            lines.append(f"        total += {k + j} % 11;")
        if index % 10 == 0 and m == 0:
            # The scoped method of both fluent specifications, called from a tenth of the files.
            lines.append("        total += new Pipeline().Process(seed, text);")
        lines.append("        return total + (await Task.FromResult(seed));")
        lines.append("    }")
        lines.append("")
        lines.append(f"    private static int Local{k}(int a, int b)")
        lines.append("    {")
        lines.append("        int r = a;")
        lines.append(f"        for (int i = 0; i < {3 + k % 5}; i++)")
        lines.append("        {")
        lines.append("            r = r * 31 + b + i;")
        lines.append("        }")
        lines.append("")
        lines.append("        return r;")
        lines.append("    }")
        lines.append("")
    # A local method named like a monitored one: the name pre-filter lets it through, binding rejects it.
    lines.append("    private static int Hash(int x) => x * 7;")
    lines.append("")
    lines.append("    public int Unmonitored(int x) => Hash(x) + Local" + str(index * 10) + "(x, 1);")
    lines.append("}")
    return "\n".join(lines) + "\n"


PROJECT_VYPR = '''<Project Sdk="Microsoft.NET.Sdk">
  <!-- The benchmark library with Vypr: generator, analyzers and runtime (generated by benchmarks/build/generate.py). -->
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <AssemblyName>BuildCost</AssemblyName>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
    <GenerateDocumentationFile>false</GenerateDocumentationFile>
  </PropertyGroup>
  <Import Project="..\\..\\..\\..\\src\\Vypr.props" />
  <ItemGroup>
    <Compile Include="..\\Src\\**\\*.cs" />
  </ItemGroup>
</Project>
'''

PROJECT_PLAIN = '''<Project Sdk="Microsoft.NET.Sdk">
  <!-- The same sources without Vypr: only the specification language, so attributes and specifications compile. -->
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <AssemblyName>BuildCost</AssemblyName>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
    <GenerateDocumentationFile>false</GenerateDocumentationFile>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="..\\..\\..\\..\\src\\Vypr.Specs\\Vypr.Specs.csproj" />
    <Compile Include="..\\Src\\**\\*.cs" />
  </ItemGroup>
</Project>
'''


def write(path, text):
    # An unchanged file keeps its timestamp, so that regenerating leaves an up-to-date build up to date.
    if os.path.exists(path) and open(path, newline="\n").read() == text:
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="\n") as f:
        f.write(text)


def main():
    for name, text in CORE.items():
        write(os.path.join(OUT, "Src", "Core", name), text)
    per_file = [SITES // FILES + (1 if i < SITES % FILES else 0) for i in range(FILES)]
    for i in range(FILES):
        write(os.path.join(OUT, "Src", "Features", f"Feature{i}.cs"), feature(i, per_file[i]))
    write(os.path.join(OUT, "Vypr", "BuildCost.Vypr.csproj"), PROJECT_VYPR)
    write(os.path.join(OUT, "Plain", "BuildCost.Plain.csproj"), PROJECT_PLAIN)
    # Directory.Build.props of the repository applies (warnings are errors, nullable on); the benchmark keeps them.
    print(f"wrote {FILES} feature files with {sum(per_file)} monitored calls (+{FILES // 10} calls of the scoped method) to {OUT}")


if __name__ == "__main__":
    sys.exit(main())
