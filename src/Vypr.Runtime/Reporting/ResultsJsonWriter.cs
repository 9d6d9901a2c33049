using System;
using System.Collections.Generic;
using System.Text.Json;
using Vypr.Contracts;

namespace Vypr.Runtime;

/// <summary>
/// Writes a test run's <see cref="RunDocument"/> as compact JSON, byte for byte what System.Text.Json writes with
/// <see cref="VyprJsonContext"/> and <c>WriteIndented = false</c> (a test holds the two to that, with every
/// property of every record set), straight onto a <see cref="Utf8JsonWriter"/>.
/// </summary>
/// <remarks>
/// Why not the serializer: a test process writes its results once, at its end. Through the context, System.Text.Json
/// first builds its metadata and compiles the generic converters for every value type of the format (about 650
/// methods), then runs them unoptimised (tier 0), which cost a 626-test suite about 0.1 s of CPU, most of what
/// monitoring added to it. The writer's few methods come precompiled in the package (ReadyToRun; not marked
/// AggressiveOptimization, which would keep them out of the precompiled image); the formatting and escaping are
/// <see cref="Utf8JsonWriter"/>'s, precompiled with the framework. The context stays the definition of the format
/// (every reader goes through it); a document with a load test's section is left to it.
/// </remarks>
internal static class ResultsJsonWriter
{
    // Property names encoded once: a name given as UTF-8 bytes is checked for characters to escape at every write,
    // about 125,000 checks for a file of 7,325 verdicts (most of the writer's time in a suite's profile).
    private static readonly JsonEncodedText s_allocatedBytes = JsonEncodedText.Encode("allocatedBytes"u8);
    private static readonly JsonEncodedText s_assembly = JsonEncodedText.Encode("assembly"u8);
    private static readonly JsonEncodedText s_boundNanoseconds = JsonEncodedText.Encode("boundNanoseconds"u8);
    private static readonly JsonEncodedText s_branch = JsonEncodedText.Encode("branch"u8);
    private static readonly JsonEncodedText s_callSiteId = JsonEncodedText.Encode("callSiteId"u8);
    private static readonly JsonEncodedText s_callSites = JsonEncodedText.Encode("callSites"u8);
    private static readonly JsonEncodedText s_caller = JsonEncodedText.Encode("caller"u8);
    private static readonly JsonEncodedText s_calls = JsonEncodedText.Encode("calls"u8);
    private static readonly JsonEncodedText s_ciJobUrl = JsonEncodedText.Encode("ciJobUrl"u8);
    private static readonly JsonEncodedText s_ciProvider = JsonEncodedText.Encode("ciProvider"u8);
    private static readonly JsonEncodedText s_column = JsonEncodedText.Encode("column"u8);
    private static readonly JsonEncodedText s_commit = JsonEncodedText.Encode("commit"u8);
    private static readonly JsonEncodedText s_condition = JsonEncodedText.Encode("condition"u8);
    private static readonly JsonEncodedText s_cpuNanoseconds = JsonEncodedText.Encode("cpuNanoseconds"u8);
    private static readonly JsonEncodedText s_dirty = JsonEncodedText.Encode("dirty"u8);
    private static readonly JsonEncodedText s_durationNanoseconds = JsonEncodedText.Encode("durationNanoseconds"u8);
    private static readonly JsonEncodedText s_endedAt = JsonEncodedText.Encode("endedAt"u8);
    private static readonly JsonEncodedText s_exclusive = JsonEncodedText.Encode("exclusive"u8);
    private static readonly JsonEncodedText s_file = JsonEncodedText.Encode("file"u8);
    private static readonly JsonEncodedText s_gen0Collections = JsonEncodedText.Encode("gen0Collections"u8);
    private static readonly JsonEncodedText s_gen1Collections = JsonEncodedText.Encode("gen1Collections"u8);
    private static readonly JsonEncodedText s_gen2Collections = JsonEncodedText.Encode("gen2Collections"u8);
    private static readonly JsonEncodedText s_id = JsonEncodedText.Encode("id"u8);
    private static readonly JsonEncodedText s_key = JsonEncodedText.Encode("key"u8);
    private static readonly JsonEncodedText s_line = JsonEncodedText.Encode("line"u8);
    private static readonly JsonEncodedText s_machine = JsonEncodedText.Encode("machine"u8);
    private static readonly JsonEncodedText s_maxNanoseconds = JsonEncodedText.Encode("maxNanoseconds"u8);
    private static readonly JsonEncodedText s_measurements = JsonEncodedText.Encode("measurements"u8);
    private static readonly JsonEncodedText s_method = JsonEncodedText.Encode("method"u8);
    private static readonly JsonEncodedText s_minNanoseconds = JsonEncodedText.Encode("minNanoseconds"u8);
    private static readonly JsonEncodedText s_name = JsonEncodedText.Encode("name"u8);
    private static readonly JsonEncodedText s_observations = JsonEncodedText.Encode("observations"u8);
    private static readonly JsonEncodedText s_outcome = JsonEncodedText.Encode("outcome"u8);
    private static readonly JsonEncodedText s_peakWorkingSetBytes = JsonEncodedText.Encode("peakWorkingSetBytes"u8);
    private static readonly JsonEncodedText s_run = JsonEncodedText.Encode("run"u8);
    private static readonly JsonEncodedText s_runId = JsonEncodedText.Encode("runId"u8);
    private static readonly JsonEncodedText s_runtime = JsonEncodedText.Encode("runtime"u8);
    private static readonly JsonEncodedText s_satisfied = JsonEncodedText.Encode("satisfied"u8);
    private static readonly JsonEncodedText s_schema = JsonEncodedText.Encode("schema"u8);
    private static readonly JsonEncodedText s_sequence = JsonEncodedText.Encode("sequence"u8);
    private static readonly JsonEncodedText s_severity = JsonEncodedText.Encode("severity"u8);
    private static readonly JsonEncodedText s_specificationId = JsonEncodedText.Encode("specificationId"u8);
    private static readonly JsonEncodedText s_specifications = JsonEncodedText.Encode("specifications"u8);
    private static readonly JsonEncodedText s_startedAt = JsonEncodedText.Encode("startedAt"u8);
    private static readonly JsonEncodedText s_summaries = JsonEncodedText.Encode("summaries"u8);
    private static readonly JsonEncodedText s_term = JsonEncodedText.Encode("term"u8);
    private static readonly JsonEncodedText s_testId = JsonEncodedText.Encode("testId"u8);
    private static readonly JsonEncodedText s_tests = JsonEncodedText.Encode("tests"u8);
    private static readonly JsonEncodedText s_text = JsonEncodedText.Encode("text"u8);
    private static readonly JsonEncodedText s_threadId = JsonEncodedText.Encode("threadId"u8);
    private static readonly JsonEncodedText s_threw = JsonEncodedText.Encode("threw"u8);
    private static readonly JsonEncodedText s_totalNanoseconds = JsonEncodedText.Encode("totalNanoseconds"u8);
    private static readonly JsonEncodedText s_unit = JsonEncodedText.Encode("unit"u8);
    private static readonly JsonEncodedText s_value = JsonEncodedText.Encode("value"u8);
    private static readonly JsonEncodedText s_verdicts = JsonEncodedText.Encode("verdicts"u8);
    private static readonly JsonEncodedText s_violations = JsonEncodedText.Encode("violations"u8);
    private static readonly JsonEncodedText s_wallNanoseconds = JsonEncodedText.Encode("wallNanoseconds"u8);

    private static readonly JsonEncodedText s_nan = JsonEncodedText.Encode("NaN"u8);
    private static readonly JsonEncodedText s_infinity = JsonEncodedText.Encode("Infinity"u8);
    private static readonly JsonEncodedText s_negativeInfinity = JsonEncodedText.Encode("-Infinity"u8);

    /// <summary>Whether <paramref name="document"/> is one this writer writes (a test run's, without a load test's section).</summary>
    public static bool Handles(RunDocument document) => document.Load is null;

    public static void Write(Utf8JsonWriter writer, RunDocument document)
    {
        writer.WriteStartObject();
        Text(writer, s_schema, document.Schema);
        writer.WritePropertyName(s_run);
        Run(writer, document.Run);
        Array(writer, s_specifications, document.Specifications, Specification);
        Array(writer, s_callSites, document.CallSites, CallSite);
        Array(writer, s_tests, document.Tests, Test);
        var cache = new TextCache();
        Array(writer, s_verdicts, document.Verdicts, (w, verdict) => Verdict(w, verdict, cache));
        Array(writer, s_summaries, document.Summaries, Summary);
        writer.WriteEndObject();
    }

    // A writer over a stream keeps everything until it is flushed: each element may hand the stream a chunk, so that
    // it is not given megabytes at the end.
    private static void Array<T>(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<T> items, System.Action<Utf8JsonWriter, T> write)
    {
        writer.WriteStartArray(name);
        for (int i = 0; i < items.Count; i++)
        {
            write(writer, items[i]);
            if (writer.BytesPending >= 64 * 1024)
            {
                writer.Flush();
            }
        }

        writer.WriteEndArray();
    }

    private static void Specification(Utf8JsonWriter writer, SpecificationInfo specification)
    {
        writer.WriteStartObject();
        writer.WriteNumber(s_id, specification.Id);
        Text(writer, s_key, specification.Key);
        Text(writer, s_method, specification.Method);
        Text(writer, s_text, specification.Text);
        writer.WriteNumber(s_boundNanoseconds, specification.BoundNanoseconds);
        writer.WriteEndObject();
    }

    private static void CallSite(Utf8JsonWriter writer, CallSiteInfo site)
    {
        writer.WriteStartObject();
        writer.WriteNumber(s_id, site.Id);
        writer.WriteNumber(s_specificationId, site.SpecificationId);
        Text(writer, s_file, site.File);
        writer.WriteNumber(s_line, site.Line);
        writer.WriteNumber(s_column, site.Column);
        Text(writer, s_caller, site.Caller);
        Text(writer, s_assembly, site.Assembly);
        writer.WriteEndObject();
    }

    private static void Summary(Utf8JsonWriter writer, CallSiteSummary summary)
    {
        writer.WriteStartObject();
        writer.WriteNumber(s_testId, summary.TestId);
        writer.WriteNumber(s_callSiteId, summary.CallSiteId);
        writer.WriteNumber(s_calls, summary.Calls);
        writer.WriteNumber(s_violations, summary.Violations);
        writer.WriteNumber(s_threw, summary.Threw);
        writer.WriteNumber(s_minNanoseconds, summary.MinNanoseconds);
        writer.WriteNumber(s_maxNanoseconds, summary.MaxNanoseconds);
        writer.WriteNumber(s_totalNanoseconds, summary.TotalNanoseconds);
        writer.WriteEndObject();
    }

    private static void Run(Utf8JsonWriter writer, RunInfo run)
    {
        writer.WriteStartObject();
        writer.WriteString(s_runId, run.RunId);
        Text(writer, s_assembly, run.Assembly);
        writer.WriteString(s_startedAt, run.StartedAt);
        writer.WriteString(s_endedAt, run.EndedAt);
        Text(writer, s_machine, run.Machine);
        Text(writer, s_runtime, run.Runtime);
        Text(writer, s_commit, run.Commit);
        Text(writer, s_branch, run.Branch);
        if (run.Dirty is bool dirty)
        {
            writer.WriteBoolean(s_dirty, dirty);
        }

        Text(writer, s_ciProvider, run.CiProvider);
        Text(writer, s_ciJobUrl, run.CiJobUrl);
        writer.WriteEndObject();
    }

    private static void Test(Utf8JsonWriter writer, TestInfo test)
    {
        writer.WriteStartObject();
        writer.WriteNumber(s_id, test.Id);
        Text(writer, s_name, test.Name);
        writer.WriteString(s_startedAt, test.StartedAt);
        if (test.EndedAt is { } endedAt)
        {
            writer.WriteString(s_endedAt, endedAt);
        }

        Text(writer, s_outcome, test.Outcome);
        if (test.Measurements is { } measurements)
        {
            writer.WriteStartObject(s_measurements);
            writer.WriteNumber(s_wallNanoseconds, measurements.WallNanoseconds);
            writer.WriteNumber(s_cpuNanoseconds, measurements.CpuNanoseconds);
            writer.WriteNumber(s_allocatedBytes, measurements.AllocatedBytes);
            writer.WriteNumber(s_gen0Collections, measurements.Gen0Collections);
            writer.WriteNumber(s_gen1Collections, measurements.Gen1Collections);
            writer.WriteNumber(s_gen2Collections, measurements.Gen2Collections);
            writer.WriteNumber(s_peakWorkingSetBytes, measurements.PeakWorkingSetBytes);
            writer.WriteBoolean(s_exclusive, measurements.Exclusive);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void Verdict(Utf8JsonWriter writer, VerdictInfo verdict, TextCache cache)
    {
        writer.WriteStartObject();
        writer.WriteNumber(s_sequence, verdict.Sequence);
        writer.WriteNumber(s_specificationId, verdict.SpecificationId);
        writer.WriteNumber(s_callSiteId, verdict.CallSiteId);
        writer.WriteNumber(s_testId, verdict.TestId);
        writer.WriteNumber(s_threadId, verdict.ThreadId);
        writer.WriteString(s_startedAt, verdict.StartedAt);
        writer.WriteNumber(s_durationNanoseconds, verdict.DurationNanoseconds);
        writer.WriteBoolean(s_value, verdict.Value);
        Number(writer, s_severity, verdict.Severity);
        writer.WriteBoolean(s_threw, verdict.Threw);
        writer.WriteStartArray(s_observations);
        IReadOnlyList<ObservationInfo> observations = verdict.Observations;
        for (int i = 0; i < observations.Count; i++)
        {
            ObservationInfo observation = observations[i];
            writer.WriteStartObject();
            Text(writer, s_term, observation.Term, cache);
            Number(writer, s_value, observation.Value);
            Text(writer, s_unit, observation.Unit, cache);
            Text(writer, s_condition, observation.Condition, cache);
            writer.WriteBoolean(s_satisfied, observation.Satisfied);
            writer.WriteNumber(s_callSiteId, observation.CallSiteId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // The rules of ResultsTextConverter: no NUL, no unpaired surrogate; and of the context: a null is left out.
    private static void Text(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, ResultsText.Clean(value));
        }
    }

    // An observation's term, unit and condition repeat from verdict to verdict (one text per specification and call
    // site): each distinct text is cleaned and encoded once per file, not once per verdict.
    private static void Text(Utf8JsonWriter writer, JsonEncodedText name, string value, TextCache cache) =>
        writer.WriteString(name, cache.Encoded(value));

    // The rule of NamedFloatingPointConverter: a non-finite number is one of three strings.
    private static void Number(Utf8JsonWriter writer, JsonEncodedText name, double value)
    {
        if (value is > -1e15 and < 1e15 && value == Math.Floor(value) && !(value == 0 && BitConverter.DoubleToInt64Bits(value) != 0))
        {
            // A whole number below 10^15 in magnitude (a duration, a duration's margin: nearly every number of a
            // test run) is written with the same digits as a long, without the shortest round-trip search a double
            // needs. From 10^15 on a double is written with an exponent, and -0 keeps its sign: both go below.
            writer.WriteNumber(name, (long)value);
        }
        else if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteString(name, double.IsNaN(value) ? s_nan : value > 0 ? s_infinity : s_negativeInfinity);
        }
    }

    /// <summary>
    /// The encoded form of texts seen before in one file: a direct-mapped table by the text's hash, so a text that
    /// repeats costs a hash and a comparison instead of cleaning, transcoding and escaping. Long texts are not kept.
    /// </summary>
    private sealed class TextCache
    {
        private const int Slots = 256;
        private const int LongestKept = 512;

        private readonly string?[] _texts = new string?[Slots];
        private readonly JsonEncodedText[] _encoded = new JsonEncodedText[Slots];

        public JsonEncodedText Encoded(string text)
        {
            if (text.Length > LongestKept)
            {
                return JsonEncodedText.Encode(ResultsText.Clean(text)!);
            }

            int slot = text.GetHashCode() & (Slots - 1);
            if (!string.Equals(_texts[slot], text, System.StringComparison.Ordinal))
            {
                _encoded[slot] = JsonEncodedText.Encode(ResultsText.Clean(text)!);
                _texts[slot] = text;
            }

            return _encoded[slot];
        }
    }
}
