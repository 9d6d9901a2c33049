using System.Text.RegularExpressions;
using Vypr;

namespace Uploader;

/// <summary>Tags look like <c>EcalPedestals_v3_hlt</c>: a record name, a version, a workflow.</summary>
public sealed partial class TagFormatRule : IPayloadRule
{
    // The first call pays for the regex's construction and JIT: the bound leaves room for that cold start.
    [MaxDuration("25ms")]
    public string? Validate(Payload payload) =>
        TagPattern().IsMatch(payload.Tag) ? null : $"tag '{payload.Tag}' is not <Record>_v<N>_<workflow>";

    [GeneratedRegex("^[A-Z][A-Za-z0-9]+_v[0-9]+_(hlt|express|prompt|offline)$")]
    private static partial Regex TagPattern();
}
