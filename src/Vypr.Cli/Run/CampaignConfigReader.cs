using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Vypr.Cli.Commands;
using Vypr.Configuration;
using YamlDotNet.RepresentationModel;

namespace Vypr.Cli.Run;

/// <summary>
/// Reads <c>vypr.yml</c>. Every error names the file, line and column and says what was expected: YAML syntax
/// errors take YamlDotNet's mark, everything else the position of the node at fault. Relative paths start at the
/// file's directory, so a campaign runs the same from any working directory.
/// </summary>
internal static class CampaignConfigReader
{
    /// <summary>The file <c>vypr run</c> reads when none is given.</summary>
    public const string DefaultFile = "vypr.yml";

    /// <summary>The campaign directory when the file names none, relative to the file.</summary>
    public const string DefaultResults = "vypr-campaign";

    // A range this long is a mistake (a step of 0.0001 over thousands), not a campaign anyone waits for.
    private const int MaxInputs = 100_000;

    private static readonly string[] s_topKeys = ["projects", "inputs", "fail_fast", "violations", "results", "store", "server", "project", "stress", "profile"];
    private static readonly string[] s_projectKeys = ["path", "filter", "runner"];
    private static readonly string[] s_rangeKeys = ["from", "to", "step"];
    private static readonly string[] s_fileKeys = ["file"];
    private static readonly string[] s_serverKeys = ["url", "token_env"];
    private static readonly string[] s_profileKeys = ["slowest"];

    // Each profiled test is run again on its own, under a profiler: a handful is what anyone reads.
    private const int MaxProfiled = 20;

    /// <summary>The keys the reader accepts, by where they are (<c>""</c> for the top level), so a test can hold docs/vypr.schema.json to them.</summary>
    public static IReadOnlyDictionary<string, string[]> Keys { get; } = new Dictionary<string, string[]>
    {
        [""] = s_topKeys,
        ["projects"] = s_projectKeys,
        ["inputs.range"] = s_rangeKeys,
        ["inputs.file"] = s_fileKeys,
        ["server"] = s_serverKeys,
        ["profile"] = s_profileKeys,
    };

    /// <summary>
    /// Reads a configuration file for a command, saying what is wrong on standard error when it cannot: the reader's
    /// own message (with its line and column) for a wrong file, the system's for one that cannot be read.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="command">The command, for the message (<c>vypr run</c>).</param>
    /// <param name="unreadableHint">What to add when the file cannot be read, or null.</param>
    /// <param name="config">The campaign, when it was read.</param>
    /// <returns>Null when the campaign was read; otherwise the exit code to end with.</returns>
    public static int? TryReadFile(string path, string command, string? unreadableHint, out CampaignConfig config)
    {
        config = null!;
        try
        {
            config = ReadFile(path);
            return null;
        }
        catch (CampaignConfigException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{command}: {path}: {e.Message}{(unreadableHint is null ? string.Empty : " (" + unreadableHint + ")")}");
            return ExitCodes.Error;
        }
    }

    /// <summary>Reads a configuration file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The campaign.</returns>
    /// <exception cref="CampaignConfigException">The file is wrong.</exception>
    /// <exception cref="IOException">The file (or its inputs file) cannot be read.</exception>
    public static CampaignConfig ReadFile(string path)
    {
        string full = Path.GetFullPath(path);
        return Read(File.ReadAllText(full), path, Path.GetDirectoryName(full)!, Environment.GetEnvironmentVariable);
    }

    /// <summary>Reads a configuration from text.</summary>
    /// <param name="text">The YAML.</param>
    /// <param name="file">The file name used in errors.</param>
    /// <param name="baseDirectory">The directory relative paths start from.</param>
    /// <param name="environment">Reads an environment variable (the server token's).</param>
    /// <returns>The campaign.</returns>
    /// <exception cref="CampaignConfigException">The text is wrong.</exception>
    /// <exception cref="IOException">The inputs file cannot be read.</exception>
    public static CampaignConfig Read(string text, string file, string baseDirectory, Func<string, string?> environment)
    {
        YamlNode root = YamlNodeReader.Parse(text, (line, column, problem, _) => CampaignConfigException.At(file, line, column, problem))
            ?? throw CampaignConfigException.At(file, 1, 1, "the file is empty: expected a mapping with 'projects' (and optionally 'inputs', 'fail_fast', 'violations', 'results', 'server', 'stress').");
        return new Reader(file, baseDirectory, environment).ReadCampaign(root);
    }

    private sealed class Reader(string file, string baseDirectory, Func<string, string?> environment)
    {
        private readonly YamlNodeReader _yaml = new((line, column, problem) => CampaignConfigException.At(file, line, column, problem));

        public CampaignConfig ReadCampaign(YamlNode root)
        {
            YamlMappingNode campaign = _yaml.Mapping(root, "the campaign", s_topKeys);
            if (!YamlNodeReader.TryGet(campaign, "projects", out YamlNode? projectsNode))
            {
                throw Error(campaign, "missing 'projects': expected a list of test projects, each '- path: tests/MyLibrary.Tests'.");
            }

            if (projectsNode is not YamlSequenceNode { Children.Count: > 0 } projectList)
            {
                throw Error(projectsNode, "'projects' must be a non-empty list of test projects, each '- path: tests/MyLibrary.Tests'.");
            }

            var projects = new List<CampaignProject>();
            foreach (YamlNode node in projectList.Children)
            {
                projects.Add(ReadProject(node));
            }

            string violations = "Fail";
            if (_yaml.OptionalScalar(campaign, "violations") is { } violationsNode)
            {
                violations = violationsNode.Value switch
                {
                    "Fail" or "fail" => "Fail",
                    "Report" or "report" => "Report",
                    _ => throw Error(violationsNode, $"'violations' is '{violationsNode.Value}': expected Fail (a violation fails its test) or Report (it is only reported)."),
                };
            }

            double stress = 1;
            if (YamlNodeReader.TryGet(campaign, "stress", out YamlNode? stressNode))
            {
                stress = _yaml.Number(stressNode, "stress", "a multiplier greater than 0, such as 1 or 2.5");
                if (stress <= 0)
                {
                    throw Error(stressNode, $"'stress' is {YamlNodeReader.Describe(stressNode)}: expected a multiplier greater than 0, such as 1 or 2.5.");
                }
            }

            string results = _yaml.OptionalScalar(campaign, "results")?.Value ?? DefaultResults;
            (string? url, string? token) = ReadServer(campaign);
            YamlScalarNode? store = _yaml.OptionalScalar(campaign, "store");
            if (store is not null && url is not null)
            {
                throw Error(store, "'store' and 'server' are both given: expected one destination for the results, a SQLite file ('store') or a verdict server ('server').");
            }

            YamlScalarNode? project = _yaml.OptionalScalar(campaign, "project");
            if (project is not null && (project.Value!.Length > 200 || project.Value != project.Value.Trim()))
            {
                throw Error(project, $"'project' is '{project.Value}': expected a name of at most 200 characters without surrounding spaces.");
            }

            return new CampaignConfig
            {
                File = file,
                Projects = projects,
                Inputs = ReadInputs(campaign),
                FailFast = YamlNodeReader.TryGet(campaign, "fail_fast", out YamlNode? failFast) && Boolean(failFast, "fail_fast"),
                Violations = violations,
                ResultsDirectory = Path.GetFullPath(Path.Combine(baseDirectory, results)),
                Stress = stress,
                ServerUrl = url,
                ServerToken = token,
                StorePath = url is null ? FullPath(store?.Value ?? Storage.LocalStore.DefaultPath) : null,
                Project = project?.Value,
                ProfileSlowest = ReadProfile(campaign),
            };
        }

        private int ReadProfile(YamlMappingNode campaign)
        {
            if (!YamlNodeReader.TryGet(campaign, "profile", out YamlNode? node))
            {
                return 0;
            }

            YamlMappingNode profile = _yaml.Mapping(node, "'profile'", s_profileKeys);
            if (!YamlNodeReader.TryGet(profile, "slowest", out YamlNode? slowest))
            {
                throw Error(profile, "'profile' needs 'slowest': how many of the slowest tests get a CPU sample profile, such as '{ slowest: 3 }'.");
            }

            return slowest is YamlScalarNode scalar
                && int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count is >= 0 and <= MaxProfiled
                ? count
                : throw Error(slowest, $"'slowest' is {YamlNodeReader.Describe(slowest)}: expected a whole number from 0 to {MaxProfiled} (0 profiles nothing).");
        }

        private CampaignProject ReadProject(YamlNode node)
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } } shortForm)
            {
                return new CampaignProject(FullPath(shortForm.Value!), null, "test", Where(shortForm));
            }

            YamlMappingNode project = _yaml.Mapping(node, "a project entry", s_projectKeys);
            YamlScalarNode path = _yaml.OptionalScalar(project, "path")
                ?? throw Error(project, "a project entry needs 'path': the test project file or its directory, such as 'tests/MyLibrary.Tests'.");
            string runner = "test";
            if (_yaml.OptionalScalar(project, "runner") is { } runnerNode)
            {
                runner = runnerNode.Value is "test" or "run"
                    ? runnerNode.Value
                    : throw Error(runnerNode, $"'runner' is '{runnerNode.Value}': expected 'test' (dotnet test) or 'run' (dotnet run, for an xunit v3 test executable).");
            }

            return new CampaignProject(FullPath(path.Value!), _yaml.OptionalScalar(project, "filter")?.Value, runner, Where(path));
        }

        private List<string> ReadInputs(YamlMappingNode campaign)
        {
            if (!YamlNodeReader.TryGet(campaign, "inputs", out YamlNode? node))
            {
                return [];
            }

            const string Expected = "a list ('[1, 2, 3]'), a range ('{ from: 1, to: 10, step: 1 }') or a file of lines ('{ file: inputs.txt }')";
            switch (node)
            {
                case YamlSequenceNode list:
                    var inputs = new List<string>();
                    foreach (YamlNode item in list.Children)
                    {
                        inputs.Add(item is YamlScalarNode { Value: { } value }
                            ? value
                            : throw Error(item, $"an input must be a single value (a number or a text), not {YamlNodeReader.Describe(item)}."));
                    }

                    return inputs.Count > 0 ? inputs : throw Error(node, $"'inputs' is an empty list: expected {Expected}, or no 'inputs' for one iteration.");
                case YamlMappingNode mapping when YamlNodeReader.TryGet(mapping, "file", out _):
                    return ReadInputsFile(_yaml.Mapping(mapping, "an inputs file", s_fileKeys));
                case YamlMappingNode mapping:
                    return ReadRange(_yaml.Mapping(mapping, "an inputs range", s_rangeKeys));
                default:
                    throw Error(node, $"'inputs' is {YamlNodeReader.Describe(node)}: expected {Expected}.");
            }
        }

        private List<string> ReadRange(YamlMappingNode range)
        {
            decimal from = RequiredDecimal(range, "from");
            decimal to = RequiredDecimal(range, "to");
            decimal step = 1;
            if (YamlNodeReader.TryGet(range, "step", out YamlNode? stepNode))
            {
                step = Decimal(stepNode, "step");
                if (step <= 0)
                {
                    throw Error(stepNode, $"'step' is {YamlNodeReader.Describe(stepNode)}: expected a number greater than 0 (the range counts up from 'from' to 'to').");
                }
            }

            if (to < from)
            {
                throw Error(range, $"the range runs from {from} down to {to}: expected 'to' at least 'from'.");
            }

            if ((to - from) / step >= MaxInputs)
            {
                throw Error(range, $"the range holds more than {MaxInputs} inputs: expected fewer (a larger 'step').");
            }

            var inputs = new List<string>();
            for (decimal value = from; value <= to; value += step)
            {
                // Decimal sums keep their scale (0.25 + 0.25 is 0.50); a test parsing its input sees the plain number.
                inputs.Add(value.ToString("0.############################", CultureInfo.InvariantCulture));
            }

            return inputs;
        }

        private List<string> ReadInputsFile(YamlMappingNode mapping)
        {
            YamlScalarNode fileNode = _yaml.OptionalScalar(mapping, "file")!;
            string path = FullPath(fileNode.Value!);
            if (!File.Exists(path))
            {
                throw Error(fileNode, $"the inputs file '{path}' does not exist: expected a text file with one input per line.");
            }

            // Blank lines and lines starting with '#' are layout, not inputs: an input file is edited by hand.
            var inputs = new List<string>();
            foreach (string line in File.ReadAllLines(path))
            {
                string trimmed = line.Trim();
                if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
                {
                    inputs.Add(trimmed);
                }
            }

            return inputs.Count > 0 ? inputs : throw Error(fileNode, $"the inputs file '{path}' holds no inputs: expected one input per line.");
        }

        private (string? Url, string? Token) ReadServer(YamlMappingNode campaign)
        {
            if (!YamlNodeReader.TryGet(campaign, "server", out YamlNode? node))
            {
                return (null, null);
            }

            YamlMappingNode server = _yaml.Mapping(node, "'server'", s_serverKeys);
            YamlScalarNode url = _yaml.OptionalScalar(server, "url") ?? throw Error(server, "'server' needs 'url': the verdict server's address, such as 'http://127.0.0.1:5080'.");
            if (!Uri.TryCreate(url.Value, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw Error(url, $"'url' is '{url.Value}': expected an absolute http or https address, such as 'http://127.0.0.1:5080'.");
            }

            string? token = null;
            if (_yaml.OptionalScalar(server, "token_env") is { } tokenEnv)
            {
                // The file names the variable, never the token: vypr.yml is committed, tokens are secrets.
                token = environment(tokenEnv.Value!);
                if (string.IsNullOrWhiteSpace(token))
                {
                    throw Error(tokenEnv, $"the environment variable '{tokenEnv.Value}' named by 'token_env' is not set: expected it to hold the server's write token.");
                }
            }

            return (url.Value, token);
        }

        private string FullPath(string path) => Path.GetFullPath(Path.Combine(baseDirectory, path));

        private Exception Error(YamlNode node, string problem) => _yaml.Error(node, problem);

        private string Where(YamlNode node) => $"{file}({node.Start.Line},{node.Start.Column})";

        private bool Boolean(YamlNode node, string key) => node switch
        {
            YamlScalarNode { Value: "true" or "True" or "yes" } => true,
            YamlScalarNode { Value: "false" or "False" or "no" } => false,
            _ => throw Error(node, $"'{key}' is {YamlNodeReader.Describe(node)}: expected true or false."),
        };

        private decimal Decimal(YamlNode node, string key) =>
            node is YamlScalarNode scalar
            && decimal.TryParse(scalar.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal value)
                ? value
                : throw Error(node, $"'{key}' is {YamlNodeReader.Describe(node)}: expected a number, such as 1 or 0.5.");

        private decimal RequiredDecimal(YamlMappingNode mapping, string key) =>
            YamlNodeReader.TryGet(mapping, key, out YamlNode? node)
                ? Decimal(node, key)
                : throw Error(mapping, $"the range needs '{key}': expected '{{ from: 1, to: 10, step: 1 }}'.");
    }
}
