using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Vypr.Contracts;

namespace Vypr.Server.Ingest;

/// <summary>
/// Checks what the JSON reader cannot: schema version, ranges, lengths, characters, order of instants, duplicate
/// numbers and null list elements. A document without summaries (writers before summaries existed omit them) reaches
/// here as one with none (BatchReader).
/// References to specifications, call sites and tests stored by earlier batches are checked while writing.
/// </summary>
internal static class BatchValidator
{
    // One set of limits with the runtime, which shortens what it writes to them (Vypr.Contracts.TextLimits).
    private const int ShortText = TextLimits.Short;
    private const int NameText = TextLimits.Name;
    private const int LongText = TextLimits.Long;

    /// <summary>
    /// The most UTF-8 bytes of a text that identifies a row across runs (a method's name, a call site's file): such
    /// texts are keys of unique indexes, and a PostgreSQL B-tree entry holds at most about 2,700 bytes. The same limit
    /// applies on SQLite, so that a batch one store accepts the other does too.
    /// </summary>
    public const int KeyTextBytes = TextLimits.KeyBytes;

    public static void Validate(RunDocument document, string at)
    {
        Require(document.Schema == RunDocument.CurrentSchema, $"{at}.schema", $"schema must be '{RunDocument.CurrentSchema}'");
        ValidateRun(NotNull(document.Run, $"{at}.run"), $"{at}.run");

        var specifications = new HashSet<int>();
        for (int i = 0; i < document.Specifications.Count; i++)
        {
            string path = $"{at}.specifications[{i}]";
            SpecificationInfo specification = NotNull(document.Specifications[i], path);
            Require(specification.Id > 0, $"{path}.id", "must be positive");
            Require(specifications.Add(specification.Id), $"{path}.id", "appears twice in the batch");
            Text(specification.Key, $"{path}.key", LongText);
            Text(specification.Method, $"{path}.method", NameText);
            KeyBytes(specification.Method, $"{path}.method");
            Text(specification.Text, $"{path}.text", LongText);
            Require(specification.BoundNanoseconds >= 0, $"{path}.boundNanoseconds", "must not be negative");
        }

        var callSites = new HashSet<int>();
        for (int i = 0; i < document.CallSites.Count; i++)
        {
            string path = $"{at}.callSites[{i}]";
            CallSiteInfo site = NotNull(document.CallSites[i], path);
            Require(site.Id > 0, $"{path}.id", "must be positive");
            Require(callSites.Add(site.Id), $"{path}.id", "appears twice in the batch");
            Require(site.SpecificationId > 0, $"{path}.specificationId", "must be positive");
            Text(site.File, $"{path}.file", NameText);
            KeyBytes(site.File, $"{path}.file");
            Require(site.Line >= 1, $"{path}.line", "must be at least 1 (lines are 1-based)");
            Require(site.Column >= 1, $"{path}.column", "must be at least 1 (columns are 1-based)");
            Text(site.Caller, $"{path}.caller", NameText);
            Text(site.Assembly, $"{path}.assembly", NameText);
        }

        var tests = new HashSet<int>();
        for (int i = 0; i < document.Tests.Count; i++)
        {
            string path = $"{at}.tests[{i}]";
            TestInfo test = NotNull(document.Tests[i], path);
            Require(test.Id > 0, $"{path}.id", "must be positive (0 stands for calls outside any test)");
            Require(tests.Add(test.Id), $"{path}.id", "appears twice in the batch");
            Text(test.Name, $"{path}.name", NameText);
            Require(test.EndedAt is not { } ended || ended >= test.StartedAt, $"{path}.endedAt", "must not be before startedAt");
            if (test.Outcome is not null)
            {
                Text(test.Outcome, $"{path}.outcome", ShortText);
            }

            if (test.Measurements is { } m)
            {
                Require(m.WallNanoseconds >= 0, $"{path}.measurements.wallNanoseconds", "must not be negative");
                Require(m.CpuNanoseconds >= 0, $"{path}.measurements.cpuNanoseconds", "must not be negative");
                Require(m.AllocatedBytes >= 0, $"{path}.measurements.allocatedBytes", "must not be negative");
                Require(m.Gen0Collections >= 0, $"{path}.measurements.gen0Collections", "must not be negative");
                Require(m.Gen1Collections >= 0, $"{path}.measurements.gen1Collections", "must not be negative");
                Require(m.Gen2Collections >= 0, $"{path}.measurements.gen2Collections", "must not be negative");
                Require(m.PeakWorkingSetBytes >= 0, $"{path}.measurements.peakWorkingSetBytes", "must not be negative");
            }
        }

        var summaries = new HashSet<(int, int)>();
        IReadOnlyList<CallSiteSummary> allSummaries = document.Summaries;
        for (int i = 0; i < allSummaries.Count; i++)
        {
            string path = $"{at}.summaries[{i}]";
            CallSiteSummary summary = NotNull(allSummaries[i], path);
            Require(summary.TestId >= 0, $"{path}.testId", "must not be negative");
            Require(summary.CallSiteId > 0, $"{path}.callSiteId", "must be positive");
            Require(summaries.Add((summary.TestId, summary.CallSiteId)), $"{path}.callSiteId", "appears twice for this test in the batch");
            Require(summary.Calls >= 0, $"{path}.calls", "must not be negative");
            Require(summary.Violations >= 0 && summary.Violations <= summary.Calls, $"{path}.violations", "must be between 0 and calls");
            Require(summary.Threw >= 0 && summary.Threw <= summary.Calls, $"{path}.threw", "must be between 0 and calls");
            Require(summary.MinNanoseconds >= 0 && summary.MinNanoseconds <= summary.MaxNanoseconds, $"{path}.minNanoseconds", "must be between 0 and maxNanoseconds");
            Require(summary.TotalNanoseconds >= summary.MaxNanoseconds, $"{path}.totalNanoseconds", "must be at least maxNanoseconds");
        }

        var sequences = new HashSet<long>();
        for (int i = 0; i < document.Verdicts.Count; i++)
        {
            string path = $"{at}.verdicts[{i}]";
            VerdictInfo verdict = NotNull(document.Verdicts[i], path);
            Require(verdict.Sequence > 0, $"{path}.sequence", "must be positive");
            Require(sequences.Add(verdict.Sequence), $"{path}.sequence", "appears twice in the batch");
            Require(verdict.SpecificationId > 0, $"{path}.specificationId", "must be positive");
            Require(verdict.CallSiteId > 0, $"{path}.callSiteId", "must be positive");
            Require(verdict.TestId >= 0, $"{path}.testId", "must not be negative");
            Require(verdict.DurationNanoseconds >= 0, $"{path}.durationNanoseconds", "must not be negative");
            Require(verdict.Observations.Count > 0, $"{path}.observations", "needs at least the deciding observation");
            for (int j = 0; j < verdict.Observations.Count; j++)
            {
                string observationPath = $"{path}.observations[{j}]";
                ObservationInfo observation = NotNull(verdict.Observations[j], observationPath);
                Text(observation.Term, $"{observationPath}.term", ShortText);
                Text(observation.Unit, $"{observationPath}.unit", ShortText);
                Text(observation.Condition, $"{observationPath}.condition", ShortText);
                Require(observation.CallSiteId >= 0, $"{observationPath}.callSiteId", "must not be negative (0 stands for the verdict's own call site)");
            }
        }

        if (document.Load is { } load)
        {
            Load.LoadSectionValidator.Validate(load, $"{at}.load");
        }
    }

    private static void ValidateRun(RunInfo run, string path)
    {
        Require(run.RunId != Guid.Empty, $"{path}.runId", "must not be the empty GUID");
        Text(run.Assembly, $"{path}.assembly", NameText);
        Text(run.Machine, $"{path}.machine", NameText);
        Text(run.Runtime, $"{path}.runtime", NameText);
        Require(run.EndedAt >= run.StartedAt, $"{path}.endedAt", "must not be before startedAt");
        if (run.Commit is not null)
        {
            Text(run.Commit, $"{path}.commit", ShortText);
        }

        if (run.Branch is not null)
        {
            Text(run.Branch, $"{path}.branch", NameText);
        }

        if (run.CiProvider is not null)
        {
            Text(run.CiProvider, $"{path}.ciProvider", ShortText);
        }

        if (run.CiJobUrl is not null)
        {
            Require(
                run.CiJobUrl.Length <= 2048 && Uri.TryCreate(run.CiJobUrl, UriKind.Absolute, out Uri? job) && job.Scheme is "http" or "https",
                $"{path}.ciJobUrl",
                "must be an absolute http(s) URL of at most 2048 characters");
            Text(run.CiJobUrl, $"{path}.ciJobUrl", ShortText * 8);
        }
    }

    public static T NotNull<T>(T? value, string path)
        where T : class =>
        value ?? throw new BatchRejectedException(path, "must not be null");

    public static void Text(string value, string path, int maxLength)
    {
        Require(value.Length > 0, path, "must not be empty");
        Require(value.Length <= maxLength, path, $"is longer than {maxLength} characters");
        Characters(value, path);
    }

    private static void KeyBytes(string value, string path) =>
        Require(System.Text.Encoding.UTF8.GetByteCount(value) <= KeyTextBytes, path, $"is longer than {KeyTextBytes} bytes in UTF-8 (it identifies a row across runs)");

    /// <summary>
    /// Refuses a text holding U+0000 or an unpaired surrogate (docs/results-format.md): PostgreSQL cannot store the
    /// first, UTF-8 cannot encode the second, and the runtime never writes either (it writes U+FFFD instead).
    /// </summary>
    public static void Characters(string value, string path)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            Require(c != '\0', path, $"holds U+0000 (NUL) at character {i}; texts may not hold NUL");
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            Require(!char.IsSurrogate(c), path, $"holds an unpaired surrogate (U+{(int)c:X4}) at character {i}; texts must be valid Unicode");
        }
    }

    public static void Require([DoesNotReturnIf(false)] bool condition, string path, string message)
    {
        if (!condition)
        {
            throw new BatchRejectedException(path, message);
        }
    }
}
