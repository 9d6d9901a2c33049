using System;
using System.Threading;

namespace Vypr.Runtime.Runs;

/// <summary>Reads the run's <see cref="TestOutput"/>: the <c>VYPR_TEST_OUTPUT</c> environment variable.</summary>
public static class TestOutputSetting
{
    /// <summary>The environment variable: <c>summary</c> (the default) or <c>detailed</c>.</summary>
    public const string EnvironmentVariable = "VYPR_TEST_OUTPUT";

    // 0 until read, then the setting plus one (no Lazy<T>: a generic instantiation over this enum would be compiled in
    // every test process, for one read).
    private static int s_current;

    /// <summary>This process's setting, read once.</summary>
    /// <exception cref="InvalidOperationException">The configured value is neither <c>summary</c> nor <c>detailed</c>.</exception>
    public static TestOutput Current
    {
        get
        {
            int current = Volatile.Read(ref s_current);
            if (current == 0)
            {
                current = (int)Parse(Environment.GetEnvironmentVariable(EnvironmentVariable)) + 1;
                Volatile.Write(ref s_current, current);
            }

            return (TestOutput)(current - 1);
        }
    }

    /// <summary>Parses a configured value.</summary>
    /// <param name="configured">The value; null, empty or white space means the default.</param>
    /// <returns>The setting; <see cref="TestOutput.Summary"/> when nothing is configured.</returns>
    /// <exception cref="InvalidOperationException">The value is neither <c>summary</c> nor <c>detailed</c> (in any case, around white space).</exception>
    public static TestOutput Parse(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return TestOutput.Summary;
        }

        string trimmed = configured.Trim();
        if (trimmed.Equals(nameof(TestOutput.Summary), StringComparison.OrdinalIgnoreCase))
        {
            return TestOutput.Summary;
        }

        if (trimmed.Equals(nameof(TestOutput.Detailed), StringComparison.OrdinalIgnoreCase))
        {
            return TestOutput.Detailed;
        }

        throw new InvalidOperationException($"Vypr: test output '{configured}' (from {EnvironmentVariable}) is not 'summary' or 'detailed'.");
    }
}
