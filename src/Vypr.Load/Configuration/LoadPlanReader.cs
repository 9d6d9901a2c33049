using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Vypr.Load.Scheduling;
using Vypr.Load.Thresholds;
using YamlDotNet.Core;
using Vypr.Configuration;
using YamlDotNet.RepresentationModel;

namespace Vypr.Load.Configuration;

/// <summary>
/// Reads a plan file (docs/load.md). Every error names the file, line and column and says what was expected:
/// YAML syntax errors take YamlDotNet's mark; everything else the position of the node at fault.
/// </summary>
public static class LoadPlanReader
{
    private static readonly string[] s_planKeys = ["assembly", "duration", "spin", "tests"];
    private static readonly string[] s_testKeys = ["name", "type", "assembly", "rate", "stages", "concurrency", "max_in_flight", "late_after", "arguments", "thresholds"];
    private static readonly string[] s_stageKeys = ["duration", "rate"];

    /// <summary>Reads a plan from a file.</summary>
    /// <param name="path">The plan file.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="LoadPlanException">The plan is wrong.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static LoadPlan ReadFile(string path)
    {
        string full = Path.GetFullPath(path);
        return Read(File.ReadAllText(full), full, Path.GetDirectoryName(full)!);
    }

    /// <summary>Reads a plan from text.</summary>
    /// <param name="text">The YAML.</param>
    /// <param name="file">The file name used in errors.</param>
    /// <param name="baseDirectory">The directory relative assembly paths start from.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="LoadPlanException">The plan is wrong.</exception>
    public static LoadPlan Read(string text, string file, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        YamlNode? root = YamlNodeReader.Parse(text, (line, column, problem, e) => new LoadPlanException(file, new SourcePosition(line, column), problem, e));
        var reader = new Reader(file, baseDirectory);
        return root is null
            ? throw reader.Error(new SourcePosition(1, 1), "the plan is empty: expected a mapping with 'tests' (and 'assembly', 'duration').")
            : reader.ReadPlan(root);
    }

    private sealed class Reader(string file, string baseDirectory)
    {
        private readonly YamlNodeReader _yaml = new((line, column, problem) => new LoadPlanException(file, new SourcePosition(line, column), problem));

        public LoadPlanException Error(SourcePosition position, string problem) => new(file, position, problem);

        public Exception Error(YamlNode node, string problem) => _yaml.Error(node, problem);

        public LoadPlan ReadPlan(YamlNode root)
        {
            YamlMappingNode plan = _yaml.Mapping(root, "the plan", s_planKeys);
            YamlScalarNode? assembly = _yaml.OptionalScalar(plan, "assembly");
            TimeSpan? duration = OptionalDuration(plan, "duration");
            TimeSpan spin = OptionalDuration(plan, "spin") ?? SystemLoadClock.DefaultSpinWindow;
            if (!YamlNodeReader.TryGet(plan, "tests", out YamlNode? testsNode))
            {
                throw Error(plan, "the plan has no 'tests': expected a list of test entries, each with 'type' and 'rate', 'stages' or 'concurrency'.");
            }

            if (testsNode is not YamlSequenceNode tests || tests.Children.Count == 0)
            {
                throw Error(testsNode, "'tests' must be a non-empty list of test entries (each starting with '- type: ...').");
            }

            var entries = new List<LoadTestPlan>();
            foreach (YamlNode node in tests.Children)
            {
                LoadTestPlan entry = ReadTest(node, assembly);
                if (entries.Any(existing => existing.Name == entry.Name))
                {
                    throw Error(node, $"two test entries are named '{entry.Name}': give each a distinct 'name'.");
                }

                entries.Add(entry);
            }

            return new LoadPlan { File = file, Duration = duration, SpinWindow = spin, Tests = entries };
        }

        private LoadTestPlan ReadTest(YamlNode node, YamlScalarNode? planAssembly)
        {
            YamlMappingNode test = _yaml.Mapping(node, "a test entry", s_testKeys);
            YamlScalarNode type = RequiredScalar(test, "type", "the test type's full name, such as 'MyCompany.LoadTests.GetHomePage'");
            YamlScalarNode assembly = _yaml.OptionalScalar(test, "assembly") ?? planAssembly
                ?? throw Error(test, "no 'assembly' for this test: expected the path of the class library holding it, in the entry or at the top of the plan.");
            string name = _yaml.OptionalScalar(test, "name")?.Value ?? ShortName(type.Value!);

            bool hasRate = YamlNodeReader.TryGet(test, "rate", out YamlNode? rateNode);
            bool hasStages = YamlNodeReader.TryGet(test, "stages", out YamlNode? stagesNode);
            bool hasConcurrency = YamlNodeReader.TryGet(test, "concurrency", out YamlNode? concurrencyNode);
            if (hasConcurrency && (hasRate || hasStages))
            {
                throw Error(concurrencyNode!, "'concurrency' (closed model) cannot be combined with 'rate' or 'stages' (open model): choose one.");
            }

            if (!hasConcurrency && !hasRate && !hasStages)
            {
                throw Error(test, $"test '{name}' says neither 'rate' (fires per second), 'stages' (a ramp) nor 'concurrency' (instances at once).");
            }

            RateProfile? profile = null;
            int? concurrency = null;
            if (hasConcurrency)
            {
                concurrency = (int)Integer(concurrencyNode!, "concurrency", 1, 100_000);
            }
            else
            {
                double initial = hasRate ? _yaml.Number(rateNode!, "rate", "a number of fires per second, such as 100 or 2.5 (finite, at least 0)", 0) : 0;
                var stages = new List<RateStage>();
                if (hasStages)
                {
                    if (stagesNode is not YamlSequenceNode sequence || sequence.Children.Count == 0)
                    {
                        throw Error(stagesNode!, "'stages' must be a non-empty list of '{ duration: 30s, rate: 100 }'.");
                    }

                    foreach (YamlNode stageNode in sequence.Children)
                    {
                        YamlMappingNode stage = _yaml.Mapping(stageNode, "a stage", s_stageKeys);
                        TimeSpan duration = RequiredDuration(stage, "duration");
                        if (duration <= TimeSpan.Zero)
                        {
                            throw Error(stage.Children[new YamlScalarNode("duration")], "a stage's 'duration' must be longer than zero.");
                        }

                        if (!YamlNodeReader.TryGet(stage, "rate", out YamlNode? stageRate))
                        {
                            throw Error(stage, "a stage needs 'rate': the fires per second it ramps to.");
                        }

                        stages.Add(new RateStage(duration, _yaml.Number(stageRate, "rate", "a number of fires per second to ramp to (finite, at least 0)", 0)));
                    }
                }

                profile = new RateProfile(initial, stages);
            }

            int maxInFlight = YamlNodeReader.TryGet(test, "max_in_flight", out YamlNode? inFlight) ? (int)Integer(inFlight, "max_in_flight", 1, 10_000_000) : LoadPlan.DefaultMaxInFlight;
            TimeSpan lateAfter = OptionalDuration(test, "late_after") ?? LoadPlan.DefaultLateAfter;

            return new LoadTestPlan
            {
                Name = name,
                TypeName = type.Value!,
                TypePosition = At(type),
                AssemblyPath = Path.GetFullPath(Path.Combine(baseDirectory, assembly.Value!)),
                AssemblyPosition = At(assembly),
                Profile = profile,
                Concurrency = concurrency,
                MaxInFlight = maxInFlight,
                LateAfter = lateAfter,
                Arguments = ReadArguments(test),
                Thresholds = ReadThresholds(test),
            };
        }

        private List<PlanArgument> ReadArguments(YamlMappingNode test)
        {
            var arguments = new List<PlanArgument>();
            if (!YamlNodeReader.TryGet(test, "arguments", out YamlNode? node))
            {
                return arguments;
            }

            if (node is not YamlMappingNode mapping)
            {
                throw Error(node, "'arguments' must be a mapping of constructor parameter names to values, such as '{ url: http://localhost:5000/, retries: 3 }'.");
            }

            foreach ((YamlNode key, YamlNode value) in mapping.Children)
            {
                if (value is not YamlScalarNode scalar)
                {
                    throw Error(value, $"argument '{key}' must be a single value (text, number, true/false, duration), not a list or mapping.");
                }

                string? text = scalar.Style == ScalarStyle.Plain && scalar.Value is "~" or "null" or "" ? null : scalar.Value;
                arguments.Add(new PlanArgument(((YamlScalarNode)key).Value!, text, At(value)));
            }

            return arguments;
        }

        private List<Threshold> ReadThresholds(YamlMappingNode test)
        {
            var thresholds = new List<Threshold>();
            if (!YamlNodeReader.TryGet(test, "thresholds", out YamlNode? node))
            {
                return thresholds;
            }

            if (node is not YamlSequenceNode sequence)
            {
                throw Error(node, $"'thresholds' must be a list, each item {Threshold.Expected}.");
            }

            foreach (YamlNode item in sequence.Children)
            {
                if (item is not YamlScalarNode { Value: { } text } scalar)
                {
                    throw Error(item, $"a threshold must be a text: expected {Threshold.Expected}.");
                }

                try
                {
                    thresholds.Add(Threshold.Parse(text));
                }
                catch (FormatException e)
                {
                    throw Error(scalar, e.Message);
                }
            }

            return thresholds;
        }

        private YamlScalarNode RequiredScalar(YamlMappingNode mapping, string key, string expected) =>
            _yaml.OptionalScalar(mapping, key) ?? throw Error(mapping, $"missing '{key}': expected {expected}.");

        private TimeSpan? OptionalDuration(YamlMappingNode mapping, string key)
        {
            if (!YamlNodeReader.TryGet(mapping, key, out YamlNode? node))
            {
                return null;
            }

            return node is YamlScalarNode scalar && LoadDuration.TryParse(scalar.Value, out TimeSpan duration)
                ? duration
                : throw Error(node, $"'{key}' is {YamlNodeReader.Describe(node)}: expected {LoadDuration.Expected}.");
        }

        private TimeSpan RequiredDuration(YamlMappingNode mapping, string key) =>
            OptionalDuration(mapping, key) ?? throw Error(mapping, $"missing '{key}': expected {LoadDuration.Expected}.");

        private long Integer(YamlNode node, string key, long min, long max)
        {
            if (node is YamlScalarNode scalar
                && long.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
                && value >= min && value <= max)
            {
                return value;
            }

            throw Error(node, $"'{key}' is {YamlNodeReader.Describe(node)}: expected a whole number from {min} to {max}.");
        }

        private static SourcePosition At(YamlNode node) => new(node.Start.Line, node.Start.Column);

        private static string ShortName(string typeName)
        {
            int dot = typeName.LastIndexOfAny(['.', '+']);
            return dot < 0 ? typeName : typeName[(dot + 1)..];
        }
    }
}
