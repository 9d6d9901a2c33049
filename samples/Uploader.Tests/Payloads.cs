using System;
using System.Linq;

namespace Uploader.Tests;

/// <summary>Payloads shaped like real conditions: compressible bytes and consecutive intervals of validity.</summary>
public static class Payloads
{
    public static Payload Of(int bytes, int iovs = 3, string tag = "EcalPedestals_v3_hlt", int seed = 1)
    {
        var random = new Random(seed);
        byte[] data = new byte[bytes];
        for (int i = 0; i < data.Length; i++)
        {
            // Calibration constants repeat a lot: a small alphabet keeps the data compressible like the real thing.
            data[i] = (byte)random.Next(0, 16);
        }

        var intervals = Enumerable.Range(0, iovs).Select(i => new Iov(i * 100L, (i * 100L) + 100, $"h{seed}-{i}")).ToArray();
        return new Payload(tag, data, intervals);
    }
}
