using System;
using System.Collections.Generic;
using System.Linq;
using Vypr.Runtime;
using Xunit;

namespace Vypr.Runtime.Tests.Registry;

/// <summary>
/// A call site is one place of one specification: the registry keys it by specification, line, column and file (as
/// text since session 7, no longer as a tuple). Registering the same place again gives the same ID, any other place
/// a new one, whatever its numbers and file name hold.
/// </summary>
public sealed class CallSiteKeyTests
{
    [Fact]
    public void Places_are_the_same_call_site_exactly_when_specification_line_column_and_file_are_the_same()
    {
        var random = new Random(20261129);
        string type = "Key" + Guid.NewGuid().ToString("N");
        int[] specifications = [.. new[] { 1, 2, 3 }.Select(i => MonitorRegistry.RegisterSpecification($"M:{type}.M{i}", $"{type}.M{i}()", "MaxDuration(\"1s\")", 1_000_000_000))];

        // Files and numbers chosen so that their texts run into each other ("a1" line 23 against "a" line 123, a NUL,
        // digits and separators in a file name, negative and extreme numbers).
        string[] files = ["a", "a1", "1", "", "\0", "a\01", "/src/A.cs", "/src/A.cs\0", "12\03"];
        int[] numbers = [0, 1, 2, 3, 12, 23, 123, -1, int.MaxValue, int.MinValue];
        var ids = new Dictionary<(int, string, int, int), int>();
        for (int i = 0; i < 3_000; i++)
        {
            var place = (specifications[random.Next(specifications.Length)], files[random.Next(files.Length)], numbers[random.Next(numbers.Length)], numbers[random.Next(numbers.Length)]);
            int id = MonitorRegistry.RegisterCallSite(place.Item1, place.Item2, place.Item3, place.Item4, "Caller()", "Tests");
            if (ids.TryGetValue(place, out int earlier))
            {
                Assert.Equal(earlier, id);
            }
            else
            {
                Assert.DoesNotContain(id, ids.Values);
                ids.Add(place, id);
            }
        }
    }
}
