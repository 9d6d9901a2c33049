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
    /// <summary>Whether <paramref name="document"/> is one this writer writes (a test run's, without a load test's section).</summary>
    public static bool Handles(RunDocument document) => document.Load is null;

    public static void Write(Utf8JsonWriter writer, RunDocument document)
    {
        writer.WriteStartObject();
        Text(writer, "schema"u8, document.Schema);
        writer.WritePropertyName("run"u8);
        Run(writer, document.Run);
        Array(writer, "specifications"u8, document.Specifications, Specification);
        Array(writer, "callSites"u8, document.CallSites, CallSite);
        Array(writer, "tests"u8, document.Tests, Test);
        Array(writer, "verdicts"u8, document.Verdicts, Verdict);
        Array(writer, "summaries"u8, document.Summaries, Summary);
        writer.WriteEndObject();
    }

    // A writer over a stream keeps everything until it is flushed: each element may hand the stream a chunk, so that
    // it is not given megabytes at the end.
    private static void Array<T>(Utf8JsonWriter writer, System.ReadOnlySpan<byte> name, IReadOnlyList<T> items, System.Action<Utf8JsonWriter, T> write)
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
        writer.WriteNumber("id"u8, specification.Id);
        Text(writer, "key"u8, specification.Key);
        Text(writer, "method"u8, specification.Method);
        Text(writer, "text"u8, specification.Text);
        writer.WriteNumber("boundNanoseconds"u8, specification.BoundNanoseconds);
        writer.WriteEndObject();
    }

    private static void CallSite(Utf8JsonWriter writer, CallSiteInfo site)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, site.Id);
        writer.WriteNumber("specificationId"u8, site.SpecificationId);
        Text(writer, "file"u8, site.File);
        writer.WriteNumber("line"u8, site.Line);
        writer.WriteNumber("column"u8, site.Column);
        Text(writer, "caller"u8, site.Caller);
        Text(writer, "assembly"u8, site.Assembly);
        writer.WriteEndObject();
    }

    private static void Summary(Utf8JsonWriter writer, CallSiteSummary summary)
    {
        writer.WriteStartObject();
        writer.WriteNumber("testId"u8, summary.TestId);
        writer.WriteNumber("callSiteId"u8, summary.CallSiteId);
        writer.WriteNumber("calls"u8, summary.Calls);
        writer.WriteNumber("violations"u8, summary.Violations);
        writer.WriteNumber("threw"u8, summary.Threw);
        writer.WriteNumber("minNanoseconds"u8, summary.MinNanoseconds);
        writer.WriteNumber("maxNanoseconds"u8, summary.MaxNanoseconds);
        writer.WriteNumber("totalNanoseconds"u8, summary.TotalNanoseconds);
        writer.WriteEndObject();
    }

    private static void Run(Utf8JsonWriter writer, RunInfo run)
    {
        writer.WriteStartObject();
        writer.WriteString("runId"u8, run.RunId);
        Text(writer, "assembly"u8, run.Assembly);
        writer.WriteString("startedAt"u8, run.StartedAt);
        writer.WriteString("endedAt"u8, run.EndedAt);
        Text(writer, "machine"u8, run.Machine);
        Text(writer, "runtime"u8, run.Runtime);
        Text(writer, "commit"u8, run.Commit);
        Text(writer, "branch"u8, run.Branch);
        if (run.Dirty is bool dirty)
        {
            writer.WriteBoolean("dirty"u8, dirty);
        }

        Text(writer, "ciProvider"u8, run.CiProvider);
        Text(writer, "ciJobUrl"u8, run.CiJobUrl);
        writer.WriteEndObject();
    }

    private static void Test(Utf8JsonWriter writer, TestInfo test)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, test.Id);
        Text(writer, "name"u8, test.Name);
        writer.WriteString("startedAt"u8, test.StartedAt);
        if (test.EndedAt is { } endedAt)
        {
            writer.WriteString("endedAt"u8, endedAt);
        }

        Text(writer, "outcome"u8, test.Outcome);
        if (test.Measurements is { } measurements)
        {
            writer.WriteStartObject("measurements"u8);
            writer.WriteNumber("wallNanoseconds"u8, measurements.WallNanoseconds);
            writer.WriteNumber("cpuNanoseconds"u8, measurements.CpuNanoseconds);
            writer.WriteNumber("allocatedBytes"u8, measurements.AllocatedBytes);
            writer.WriteNumber("gen0Collections"u8, measurements.Gen0Collections);
            writer.WriteNumber("gen1Collections"u8, measurements.Gen1Collections);
            writer.WriteNumber("gen2Collections"u8, measurements.Gen2Collections);
            writer.WriteNumber("peakWorkingSetBytes"u8, measurements.PeakWorkingSetBytes);
            writer.WriteBoolean("exclusive"u8, measurements.Exclusive);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void Verdict(Utf8JsonWriter writer, VerdictInfo verdict)
    {
        writer.WriteStartObject();
        writer.WriteNumber("sequence"u8, verdict.Sequence);
        writer.WriteNumber("specificationId"u8, verdict.SpecificationId);
        writer.WriteNumber("callSiteId"u8, verdict.CallSiteId);
        writer.WriteNumber("testId"u8, verdict.TestId);
        writer.WriteNumber("threadId"u8, verdict.ThreadId);
        writer.WriteString("startedAt"u8, verdict.StartedAt);
        writer.WriteNumber("durationNanoseconds"u8, verdict.DurationNanoseconds);
        writer.WriteBoolean("value"u8, verdict.Value);
        Number(writer, "severity"u8, verdict.Severity);
        writer.WriteBoolean("threw"u8, verdict.Threw);
        writer.WriteStartArray("observations"u8);
        IReadOnlyList<ObservationInfo> observations = verdict.Observations;
        for (int i = 0; i < observations.Count; i++)
        {
            ObservationInfo observation = observations[i];
            writer.WriteStartObject();
            Text(writer, "term"u8, observation.Term);
            Number(writer, "value"u8, observation.Value);
            Text(writer, "unit"u8, observation.Unit);
            Text(writer, "condition"u8, observation.Condition);
            writer.WriteBoolean("satisfied"u8, observation.Satisfied);
            writer.WriteNumber("callSiteId"u8, observation.CallSiteId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // The rules of ResultsTextConverter: no NUL, no unpaired surrogate; and of the context: a null is left out.
    private static void Text(Utf8JsonWriter writer, System.ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, ResultsText.Clean(value));
        }
    }

    // The rule of NamedFloatingPointConverter: a non-finite number is one of three strings.
    private static void Number(Utf8JsonWriter writer, System.ReadOnlySpan<byte> name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
