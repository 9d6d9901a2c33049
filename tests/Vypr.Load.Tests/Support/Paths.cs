using System;
using System.IO;

namespace Vypr.Load.Tests.Support;

/// <summary>Where the built parts the tests run are.</summary>
public static class Paths
{
    /// <summary>The test library of load tests, copied beside the test assembly.</summary>
    public static string TestLibrary => Path.Combine(AppContext.BaseDirectory, "Vypr.Load.TestLibrary.dll");

    /// <summary>A new empty directory for one test's files.</summary>
    public static string NewDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "vypr-load-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
