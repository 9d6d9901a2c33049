using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Vypr.Generators.Tests.Harness;

/// <summary>
/// Compares generated source with the expected files kept in the test project. Set VYPR_UPDATE_EXPECTED=1 to
/// rewrite them from the current output (then review the diff like any other change).
/// </summary>
public static class ExpectedFiles
{
    private static string Directory => typeof(ExpectedFiles).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ExpectedDirectory").Value!;

    public static void Match(string name, string? actual)
    {
        Assert.NotNull(actual);
        string path = Path.Combine(Directory, name + ".g.cs");
        string normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("VYPR_UPDATE_EXPECTED") == "1")
        {
            File.WriteAllText(path, normalized);
            return;
        }

        Assert.True(File.Exists(path), $"No expected file {path}; run with VYPR_UPDATE_EXPECTED=1 to create it.");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), normalized);
    }
}
