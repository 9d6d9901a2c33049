using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Uploader.Tests;

public sealed class UploadTests(UploaderFixture fixture) : IClassFixture<UploaderFixture>
{
    [Fact]
    public async Task Uploads_a_small_payload()
    {
        UploadResult result = await fixture.Uploader.UploadAsync(Payloads.Of(1024, seed: 10));

        Assert.True(result.Stored);
        Assert.True(File.Exists(Path.Combine(fixture.StoreDirectory, result.Hash + ".gz")));
    }

    [Theory]
    [InlineData(4 * 1024)]
    [InlineData(256 * 1024)]
    [InlineData(1024 * 1024)]
    public async Task Uploads_payloads_of_several_sizes(int bytes)
    {
        UploadResult result = await fixture.Uploader.UploadAsync(Payloads.Of(bytes, seed: bytes));

        Assert.True(result.Stored);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public async Task Stores_a_payload_once_when_uploaded_twice()
    {
        Payload payload = Payloads.Of(64 * 1024, seed: 20);

        UploadResult first = await fixture.Uploader.UploadAsync(payload);
        UploadResult second = await fixture.Uploader.UploadAsync(payload);

        Assert.True(first.Stored);
        Assert.True(second.AlreadyStored);
        Assert.Equal(first.Hash, second.Hash);
    }

    [Fact]
    public async Task Rejects_a_payload_with_a_malformed_tag()
    {
        UploadResult result = await fixture.Uploader.UploadAsync(Payloads.Of(1024, tag: "pedestals", seed: 30));

        Assert.False(result.Stored);
        Assert.Contains(result.Problems, p => p.Contains("pedestals"));
    }

    [Fact]
    public async Task Uploads_a_bulk_reprocessing_payload_with_many_intervals()
    {
        // A bulk re-upload carries thousands of intervals: the pairwise overlap check in IovOrderRule becomes
        // quadratic and violates its 100ms specification several times over, while every other step stays within
        // its bounds (which leave room for a loaded CI machine; load only makes this violation larger).
        UploadResult result = await fixture.Uploader.UploadAsync(Payloads.Of(64 * 1024, iovs: 20_000, seed: 40));

        Assert.True(result.Stored);
    }
}
