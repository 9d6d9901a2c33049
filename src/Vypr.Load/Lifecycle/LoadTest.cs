using System.Threading;
using System.Threading.Tasks;

namespace Vypr.Load;

/// <summary>
/// A load test: existing, thread-safe test code fired many times a second. One instance is created per test entry
/// of the plan (with the plan's constructor arguments); <see cref="StartupAsync"/> and <see cref="ShutdownAsync"/> run
/// once on it, and every fired instance runs <see cref="SetupAsync"/>, <see cref="RunAsync"/> and
/// <see cref="TeardownAsync"/> concurrently with other fired instances, so state shared between fires lives in
/// fields set by <see cref="StartupAsync"/> and state of one fire lives in its <see cref="FireContext"/>.
/// </summary>
public abstract class LoadTest
{
    /// <summary>Runs once, before the first fire: open clients, start fixtures, warm caches.</summary>
    /// <param name="cancellationToken">Cancelled when the run is interrupted.</param>
    /// <returns>A task that completes when the test is ready to be fired.</returns>
    public virtual ValueTask StartupAsync(CancellationToken cancellationToken) => default;

    /// <summary>Runs once, after the last fired instance has finished (also after Ctrl+C).</summary>
    /// <param name="cancellationToken">Cancelled when the run is stopped at once (a second Ctrl+C).</param>
    /// <returns>A task that completes when the test has released what it holds.</returns>
    public virtual ValueTask ShutdownAsync(CancellationToken cancellationToken) => default;

    /// <summary>Prepares one fired instance. Its time counts in the fire's latency (it delays the run).</summary>
    /// <param name="fire">The fired instance.</param>
    /// <returns>A task that completes when the instance is ready to run.</returns>
    public virtual ValueTask SetupAsync(FireContext fire) => default;

    /// <summary>The work of one fired instance. Throwing fails the instance; the exception's type is counted.</summary>
    /// <param name="fire">The fired instance: its number, its intended start, its metrics.</param>
    /// <returns>A task that completes when the instance's work is done.</returns>
    public abstract ValueTask RunAsync(FireContext fire);

    /// <summary>Cleans up one fired instance; runs even when setup or run threw. Its time is not in the latency.</summary>
    /// <param name="fire">The fired instance.</param>
    /// <returns>A task that completes when the instance is cleaned up.</returns>
    public virtual ValueTask TeardownAsync(FireContext fire) => default;
}
