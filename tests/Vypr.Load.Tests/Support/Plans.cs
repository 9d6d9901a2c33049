using System.IO;

namespace Vypr.Load.Tests.Support;

/// <summary>Writes plan files for the tests.</summary>
public static class Plans
{
    public static string Write(string directory, string yaml, string name = "plan.yml")
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, $"assembly: {Paths.TestLibrary}\n" + yaml);
        return path;
    }
}
