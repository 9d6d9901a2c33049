using System;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.EndToEnd.Tests.Consumer;

/// <summary>
/// Packs Vypr once, then builds and tests with it (sequentially: the machine has two cores) an xunit v2 and an xunit
/// v3 consumer of the multi-targeting library, a consumer of a library that targets netstandard2.0 only, and one that
/// tests the multi-targeting library's netstandard2.0 build.
/// </summary>
public sealed class ConsumerFixture : IAsyncLifetime
{
    public const string NetStandardOnlyFolder = "ns2-only-v3";
    public const string MultiTargetNetStandardFolder = "multi-ns2-v2";

    private ConsumerWorkspace? _workspace;

    public ConsumerWorkspace Workspace => _workspace ?? throw new InvalidOperationException("not packed");

    public ConsumerRun V2 { get; private set; } = null!;

    public ConsumerRun V3 { get; private set; } = null!;

    /// <summary>A library that targets netstandard2.0 only, tested from net10.0 with xunit v3.</summary>
    public ConsumerRun NetStandardOnly { get; private set; } = null!;

    /// <summary>The multi-targeting library's netstandard2.0 build, tested from net10.0 with xunit v2.</summary>
    public ConsumerRun MultiTargetNetStandard { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _workspace = await ConsumerWorkspace.PackAsync(TestContext.Current.CancellationToken);
        try
        {
            V2 = await Workspace.BuildAndTestAsync(Workspace.Create("v2", xunitV3: false, withVypr: true), TestContext.Current.CancellationToken);
            V3 = await Workspace.BuildAndTestAsync(Workspace.Create("v3", xunitV3: true, withVypr: true), TestContext.Current.CancellationToken);
            NetStandardOnly = await Workspace.BuildAndTestAsync(
                Workspace.Create(NetStandardOnlyFolder, xunitV3: true, withVypr: true, libraryTargets: "netstandard2.0"), TestContext.Current.CancellationToken);
            MultiTargetNetStandard = await Workspace.BuildAndTestAsync(
                Workspace.Create(MultiTargetNetStandardFolder, xunitV3: false, withVypr: true, testedLibraryTarget: "netstandard2.0"), TestContext.Current.CancellationToken);
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
