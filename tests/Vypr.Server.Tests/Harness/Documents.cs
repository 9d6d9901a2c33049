using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Vypr.Contracts;

namespace Vypr.Server.Tests.Harness;

/// <summary>Run documents as a monitored run would send them: two methods, three call sites, two tests.</summary>
public static class Documents
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public static readonly SpecificationInfo Hash = new(1, "M:Uploader.PayloadHasher.Hash(System.Byte[]) MaxDuration(\"50ms\")", "Uploader.PayloadHasher.Hash(byte[])", "MaxDuration(\"50ms\")", 50_000_000);

    public static readonly SpecificationInfo Upload = new(2, "M:Uploader.ConditionsUploader.UploadAsync(Uploader.Payload) MaxDuration(\"200ms\")", "Uploader.ConditionsUploader.UploadAsync(Payload)", "MaxDuration(\"200ms\")", 200_000_000);

    public static readonly IReadOnlyList<CallSiteInfo> CallSites =
    [
        new(1, 1, "/src/Uploader/ConditionsUploader.cs", 40, 25, "Uploader.ConditionsUploader.UploadAsync(Payload)", "Uploader"),
        new(2, 2, "/src/Uploader.Tests/UploadTests.cs", 18, 31, "Uploader.Tests.UploadTests.Uploads_small_payload()", "Uploader.Tests"),
        new(3, 1, "/src/Uploader.Tests/HashTests.cs", 12, 20, "Uploader.Tests.HashTests.Hashes()", "Uploader.Tests"),
    ];

    public static RunInfo Run(Guid runId) => new(runId, "Uploader.Tests", Start, Start.AddMinutes(1), "ci-1; Debian 12; X64; 2 cores", ".NET 10.0.0", "abc123", "main");

    public static TestInfo Test(int id, string? outcome = "Passed") =>
        new(id, $"Uploader.Tests.UploadTests.Test{id}", Start.AddSeconds(id), outcome is null ? null : Start.AddSeconds(id + 1), outcome);

    /// <summary>A verdict; odd sequences violate (Hash: 60 ms against 50 ms), even ones satisfy.</summary>
    public static VerdictInfo Verdict(long sequence, int testId = 1, int callSiteId = 1)
    {
        int specification = CallSites[callSiteId - 1].SpecificationId;
        long bound = specification == 1 ? Hash.BoundNanoseconds : Upload.BoundNanoseconds;
        bool value = sequence % 2 == 0;
        long duration = value ? bound / 2 : bound + 10_000_000;
        return new VerdictInfo(
            sequence,
            specification,
            callSiteId,
            testId,
            7,
            Start.AddMilliseconds(sequence),
            duration,
            value,
            bound - duration,
            Threw: sequence % 5 == 0,
            [new ObservationInfo("duration", duration, "ns", $"<= {bound / 1_000_000}ms", value)]);
    }

    /// <summary>A document with every specification, call site and both tests, and verdicts <paramref name="first"/>..first+count-1.</summary>
    public static RunDocument Batch(Guid runId, long first, int count, int testId = 1)
    {
        var verdicts = new List<VerdictInfo>(count);
        for (long sequence = first; sequence < first + count; sequence++)
        {
            verdicts.Add(Verdict(sequence, testId, (int)(sequence % 3) + 1));
        }

        return new RunDocument(RunDocument.CurrentSchema, Run(runId), [Hash, Upload], CallSites, [Test(1), Test(2)], verdicts);
    }

    /// <summary>
    /// The contract's own JSON shape, with non-finite doubles as "NaN", "Infinity" and "-Infinity"
    /// (docs/results-format.md), writing texts as they are: the runtime's writer cleans NUL and unpaired surrogates,
    /// and these tests must be able to send what a careless or hostile client would.
    /// </summary>
    public static readonly JsonSerializerOptions Options = WithRawTexts(new(VyprJsonContext.Default.Options)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    });

    private static JsonSerializerOptions WithRawTexts(JsonSerializerOptions options)
    {
        for (int i = options.Converters.Count - 1; i >= 0; i--)
        {
            if (options.Converters[i] is ResultsTextConverter)
            {
                options.Converters.RemoveAt(i);
            }
        }

        return options;
    }

    public static string Json(RunDocument document) => JsonSerializer.Serialize(document, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<RunDocument>)Options.GetTypeInfo(typeof(RunDocument)));

    public static StringContent JsonContent(string json, string mediaType = "application/json") =>
        new(json, Encoding.UTF8, mediaType);

    public static ByteArrayContent Gzip(string json)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }
}
