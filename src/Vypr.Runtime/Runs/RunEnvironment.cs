using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using Vypr.Contracts;

namespace Vypr.Runtime;

/// <summary>
/// Describes where a run happened, so that runs on different machines, commits or CI jobs are never mixed up: the
/// machine's fingerprint (host, OS, architecture, processor count and model, memory), the runtime, the commit and
/// branch, whether the working tree was dirty, and the CI system and job (docs/results-format.md, "Run metadata").
/// Called once per results file, never on a probe's path.
/// </summary>
internal static class RunEnvironment
{
    /// <summary>The variable that says whether the working tree differed from the commit (<c>true</c>/<c>false</c>); <c>vypr run</c> sets it from git.</summary>
    public const string DirtyVariable = "VYPR_DIRTY";

    private static readonly Lazy<string> s_machine = new(() => Name(Fingerprint()));

    public static RunInfo Describe(Guid runId, string assembly, DateTimeOffset startedAt, DateTimeOffset endedAt) =>
        Describe(runId, assembly, startedAt, endedAt, Environment.GetEnvironmentVariable);

    /// <summary>Describes a run with the environment read through <paramref name="environment"/> (tests give their own).</summary>
    public static RunInfo Describe(Guid runId, string assembly, DateTimeOffset startedAt, DateTimeOffset endedAt, Func<string, string?> environment)
    {
        CiJob? job = CiEnvironment.Detect(environment);
        return new RunInfo(
            runId,
            Name(assembly),
            startedAt,
            endedAt,
            s_machine.Value,
            Name(RuntimeInformation.FrameworkDescription),
            FirstSet(environment, TextLimits.Short, "VYPR_COMMIT", "GITHUB_SHA", "CI_COMMIT_SHA", "BUILD_SOURCEVERSION"),
            FirstSet(environment, TextLimits.Name, "VYPR_BRANCH", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME", "BUILD_SOURCEBRANCHNAME"))
        {
            Dirty = environment(DirtyVariable)?.Trim().ToLowerInvariant() switch
            {
                "true" or "1" or "yes" => true,
                "false" or "0" or "no" => false,
                _ => null,
            },
            CiProvider = job?.Provider,
            CiJobUrl = job?.JobUrl,
        };
    }

    /// <summary>The machine's fingerprint: host; OS; architecture; processor count; processor model; memory.</summary>
    public static string Fingerprint()
    {
        double gibibytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Environment.MachineName}; {RuntimeInformation.OSDescription}; {RuntimeInformation.OSArchitecture}; {Environment.ProcessorCount} cores; {ProcessorModel()}; {gibibytes:0.#} GiB");
    }

    // The model the OS names; "unknown processor" where it names none (a run is still recorded, just less comparable).
    private static string ProcessorModel()
    {
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
            {
                foreach (string line in File.ReadLines("/proc/cpuinfo"))
                {
                    // x86 says "model name", ARM often only "Hardware" or "Processor".
                    if ((line.StartsWith("model name", StringComparison.Ordinal) || line.StartsWith("Hardware", StringComparison.Ordinal) || line.StartsWith("Processor", StringComparison.Ordinal))
                        && line.IndexOf(':', StringComparison.Ordinal) is int colon and >= 0 && line[(colon + 1)..].Trim() is { Length: > 0 } model)
                    {
                        return model;
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A sandbox that hides /proc: fall through.
        }

        return Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER") is { Length: > 0 } windows ? windows.Trim() : "unknown processor";
    }

    private static string Name(string text) => TextLimits.Clip(ResultsText.Clean(text)!, TextLimits.Name);

    private static string? FirstSet(Func<string, string?> environment, int maxLength, params string[] variables)
    {
        foreach (string variable in variables)
        {
            string? value = environment(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return TextLimits.Clip(ResultsText.Clean(value.Trim())!, maxLength);
            }
        }

        return null;
    }
}
