using System;
using System.Threading;

namespace Vypr.Runtime.Runs;

/// <summary>Reads the run's <see cref="TestOutputDetail"/>: the <c>VYPR_TEST_OUTPUT</c> environment variable.</summary>
public static class TestOutputSetting
{
    /// <summary>The environment variable: <c>summary</c> (the default) or <c>detailed</c>.</summary>
    public const string EnvironmentVariable = "VYPR_TEST_OUTPUT";

    // 0 until read, then the setting plus one (no Lazy<T>: a generic instantiation over this enum would be compiled in
    // every test process, for one read).
    private static int s_current;

    /// <summary>This process's setting, read once.</summary>
    /// <exception cref="InvalidOperationException">The configured value is neither <c>summary</c> nor <c>detailed</c>.</exception>
    public static TestOutputDetail Current
    {
        get
        {
            int current = Volatile.Read(ref s_current);
            if (current == 0)
            {
                current = (int)Parse(Environment.GetEnvironmentVariable(EnvironmentVariable)) + 1;
                Volatile.Write(ref s_current, current);
            }

            return (TestOutputDetail)(current - 1);
        }
    }

    /// <summary>Parses a configured value.</summary>
    /// <param name="configured">The value; null, empty or white space means the default.</param>
    /// <returns>The setting; <see cref="TestOutputDetail.Summary"/> when nothing is configured.</returns>
    /// <exception cref="InvalidOperationException">The value is neither <c>summary</c> nor <c>detailed</c> (in any case, around white space).</exception>
    public static TestOutputDetail Parse(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return TestOutputDetail.Summary;
        }

        string trimmed = configured.Trim();
        if (trimmed.Equals(nameof(TestOutputDetail.Summary), StringComparison.OrdinalIgnoreCase))
        {
            return TestOutputDetail.Summary;
        }

        if (trimmed.Equals(nameof(TestOutputDetail.Detailed), StringComparison.OrdinalIgnoreCase))
        {
            return TestOutputDetail.Detailed;
        }

        throw new InvalidOperationException($"Vypr: test output '{configured}' (from {EnvironmentVariable}) is not 'summary' or 'detailed'.");
    }
}
