using Vypr;

namespace Uploader;

/// <summary>Rejects payloads whose intervals of validity overlap.</summary>
/// <remarks>
/// This is the sample's deliberate slow path: it compares every pair of intervals, which is fine for the handful
/// a normal upload carries and quadratic for a bulk re-upload of thousands. Its specification catches that.
/// </remarks>
public sealed class IovOrderRule : IPayloadRule
{
    [MaxDuration("100ms")]
    public string? Validate(Payload payload)
    {
        var iovs = payload.Iovs;
        for (int i = 0; i < iovs.Count; i++)
        {
            for (int j = i + 1; j < iovs.Count; j++)
            {
                if (iovs[i].Since < iovs[j].Until && iovs[j].Since < iovs[i].Until)
                {
                    return $"intervals {i} and {j} overlap";
                }
            }
        }

        return null;
    }
}
