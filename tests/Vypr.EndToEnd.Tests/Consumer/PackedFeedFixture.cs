using System;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.EndToEnd.Tests.Consumer;

/// <summary>Vypr's packages packed once into a local feed, for the tests of one class that each build their own projects.</summary>
public sealed class PackedFeedFixture : IAsyncLifetime
{
    private ConsumerWorkspace? _workspace;

    /// <summary>The feed and its version.</summary>
    public ConsumerWorkspace Workspace => _workspace ?? throw new InvalidOperationException("not packed");

    public async ValueTask InitializeAsync() =>
        _workspace = await ConsumerWorkspace.PackAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_workspace is not null)
        {
            await _workspace.DisposeAsync();
        }
    }
}
