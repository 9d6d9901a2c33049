using System;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.EndToEnd.Tests.Consumer;

/// <summary>Packs Vypr once, then builds and tests an xunit v2 and an xunit v3 consumer with it (sequentially: the machine has two cores).</summary>
public sealed class ConsumerFixture : IAsyncLifetime
{
    private ConsumerWorkspace? _workspace;

    public ConsumerWorkspace Workspace => _workspace ?? throw new InvalidOperationException("not packed");

    public ConsumerRun V2 { get; private set; } = null!;

    public ConsumerRun V3 { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _workspace = await ConsumerWorkspace.PackAsync(TestContext.Current.CancellationToken);
        try
        {
            V2 = await Workspace.BuildAndTestAsync(Workspace.Create("v2", xunitV3: false, withVypr: true), TestContext.Current.CancellationToken);
            V3 = await Workspace.BuildAndTestAsync(Workspace.Create("v3", xunitV3: true, withVypr: true), TestContext.Current.CancellationToken);
        }
        catch
        {
            // xunit does not dispose a fixture whose initialization failed: clean up here.
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_workspace is not null)
        {
            await _workspace.DisposeAsync();
        }
    }
}
