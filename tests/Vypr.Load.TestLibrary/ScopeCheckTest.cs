using System;
using System.Threading.Tasks;
using Vypr.Load;
using Vypr.Runtime;

namespace Vypr.Load.TestLibrary;

/// <summary>Fails any fire that does not run inside the Vypr test scope named <c>expected</c> (monitored calls are attributed through it).</summary>
public sealed class ScopeCheckTest(string expected) : LoadTest
{
    public override async ValueTask RunAsync(FireContext fire)
    {
        Check();
        await Task.Yield();
        Check();
    }

    private void Check()
    {
        string? actual = TestScope.Current?.Name;
        if (actual != expected)
        {
            throw new InvalidOperationException($"ran in scope '{actual}', expected '{expected}'");
        }
    }
}
