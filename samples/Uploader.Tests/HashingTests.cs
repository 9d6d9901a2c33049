using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Uploader.Tests;

public sealed class HashingTests
{
    [Fact]
    public void Hash_is_the_sha256_of_the_bytes()
    {
        Assert.Equal(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            PayloadHasher.Hash("abc"u8.ToArray()));
    }

    [Fact]
    public async Task Hashes_in_parallel_are_attributed_to_this_test()
    {
        // Sixteen concurrent hashes on pool threads: each verdict must still name this test.
        byte[][] payloads = Enumerable.Range(0, 16).Select(i => Payloads.Of(8 * 1024, seed: i).Data).ToArray();

        string[] hashes = await Task.WhenAll(payloads.Select(p => Task.Run(() => PayloadHasher.Hash(p))));

        Assert.Equal(16, hashes.Distinct().Count());
    }
}
