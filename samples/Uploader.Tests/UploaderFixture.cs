using System;
using System.IO;

namespace Uploader.Tests;

/// <summary>An uploader over a fresh store directory per test class.</summary>
public sealed class UploaderFixture : IDisposable
{
    public UploaderFixture()
    {
        StoreDirectory = Path.Combine(Path.GetTempPath(), "vypr-uploader-" + Guid.NewGuid().ToString("N"));
        Uploader = new ConditionsUploader(ConditionsUploader.StandardValidator(), new PayloadCache(), new FilePayloadStore(StoreDirectory));
    }

    public string StoreDirectory { get; }

    public ConditionsUploader Uploader { get; }

    public void Dispose()
    {
        if (Directory.Exists(StoreDirectory))
        {
            Directory.Delete(StoreDirectory, recursive: true);
        }
    }
}
