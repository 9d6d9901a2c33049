using Vypr;

namespace Uploader;

/// <summary>
/// Performance specifications of the upload path in Vypr's specification language: they talk about the calls and
/// changes inside one upload, which a bound on a single method cannot.
/// </summary>
public static class UploadSpecifications
{
    /// <summary>Within an upload, hashing a payload of at most 1 MiB takes under 100 ms.</summary>
    [PerformanceSpecification]
    public static Specification SmallPayloadsHashQuickly => Specification
        .For<ConditionsUploader>(nameof(ConditionsUploader.UploadAsync))
        .Forall("h", Calls.To(nameof(PayloadHasher.Hash)))
        .Check(h => Formula.If(h.Argument("data").Length() <= 1024 * 1024).Then(h.Duration() < Duration.Milliseconds(100)));

    /// <summary>Once a payload is compressed, storing it takes at most 250 ms and reports every compressed byte as written.</summary>
    [PerformanceSpecification]
    public static Specification StoreWritesWhatWasCompressed => Specification
        .For<ConditionsUploader>(nameof(ConditionsUploader.UploadAsync))
        .Forall("q", Changes.Of("compressed"))
        .Forall("t", Calls.To<FilePayloadStore>(nameof(FilePayloadStore.StoreAsync)).After("q"))
        .Check((q, t) => t.Duration() <= Duration.Milliseconds(250) & t.Result() == q.Value().Length());
}
