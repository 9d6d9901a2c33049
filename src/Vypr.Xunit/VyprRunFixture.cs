using System;
using System.IO;
using System.Reflection;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Runtime;

namespace Vypr.Xunit;

/// <summary>
/// An xunit assembly fixture that closes the monitored run: when every test has finished it writes the run's
/// results file and prints the verdict table. Vypr.Xunit's build props register it.
/// </summary>
public sealed class VyprRunFixture : IAsyncDisposable
{
    /// <summary>Writes the results and prints the summary, when monitoring was on.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        if (!RuntimeMonitor.IsEnabled)
        {
            return ValueTask.CompletedTask;
        }

        string assembly = Assembly.GetEntryAssembly()?.GetName().Name ?? "tests";
        RunDocument document = RuntimeMonitor.Snapshot(assembly);
        string path = ResultsFile.Write(document, ResultsFile.DefaultDirectory);
        string table = VerdictText.Table(document);
        File.WriteAllText(Path.ChangeExtension(path, ".txt"), table + Environment.NewLine);
        Console.WriteLine();
        Console.WriteLine("Vypr verdicts");
        Console.WriteLine(table);
        Console.WriteLine($"Results: {path}");
        return ValueTask.CompletedTask;
    }
}
