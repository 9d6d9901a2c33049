using System;
using System.IO;

namespace Vypr.Load.Tests.Support;

/// <summary>Where the built parts the tests run are.</summary>
public static class Paths
{
    /// <summary>The test library of load tests, copied beside the test assembly.</summary>
    public static string TestLibrary => Path.Combine(AppContext.BaseDirectory, "Vypr.Load.TestLibrary.dll");

    /// <summary>The built <c>vypr</c> tool of the same configuration as the tests.</summary>
    public static string VyprTool
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            string framework = directory.Name;
            string configuration = directory.Parent!.Name;
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Vypr.sln")))
            {
                directory = directory.Parent;
            }

            if (directory is null)
            {
                throw new InvalidOperationException($"No Vypr.sln above {AppContext.BaseDirectory}.");
            }

            string tool = Path.Combine(directory.FullName, "src", "Vypr.Cli", "bin", configuration, framework, "vypr.dll");
            return File.Exists(tool) ? tool : throw new InvalidOperationException($"The vypr tool is not built at {tool}.");
        }
    }

    /// <summary>A new empty directory for one test's files.</summary>
    public static string NewDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "vypr-load-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
