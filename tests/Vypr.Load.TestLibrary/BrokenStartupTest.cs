using System;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Load;

namespace Vypr.Load.TestLibrary;

/// <summary>A test whose startup fails, as when the service it needs is down.</summary>
public sealed class BrokenStartupTest : LoadTest
{
    public override ValueTask StartupAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the service under test is not reachable");

    public override ValueTask RunAsync(FireContext fire) => default;
}
