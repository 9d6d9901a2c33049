using System;
using System.Linq;
using Vypr.Contracts;
using Vypr.Runtime;
using Xunit;

namespace Vypr.Runtime.Tests.Registry;

/// <summary>
/// Generated code registers a source file's call sites in one call and passes each interceptor the first ID plus the
/// site's place: the IDs must be consecutive, describe each site as the call-by-call registration does, stay the
/// same when the file registers again, and a malformed table must say what is wrong with it.
/// </summary>
public sealed class CallSiteTableTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(300)]
    public void A_file_of_sites_gets_consecutive_IDs_describing_each_site(int count)
    {
        string type = "Table" + Guid.NewGuid().ToString("N");
        int first = Specification(type, "First");
        int second = Specification(type, "Second");
        string file = type + ".cs";
        int[] sites = Enumerable.Range(0, count).SelectMany(k => new[] { k % 2, k + 1, (3 * k) + 5, k % 3 }).ToArray();

        int id = MonitorRegistry.RegisterCallSites(file, "TableAssembly", [first, second], ["A()", "B(int)", "C<T>()"], sites);

        for (int k = 0; k < count; k++)
        {
            CallSiteInfo site = MonitorRegistry.CallSite(id + k);
            Assert.Equal(id + k, site.Id);
            Assert.Equal(k % 2 == 0 ? first : second, site.SpecificationId);
            Assert.Equal(file, site.File);
            Assert.Equal(k + 1, site.Line);
            Assert.Equal((3 * k) + 5, site.Column);
            Assert.Equal(new[] { "A()", "B(int)", "C<T>()" }[k % 3], site.Caller);
            Assert.Equal("TableAssembly", site.Assembly);

            // The call-by-call registration of the same place finds the same site.
            Assert.Equal(id + k, MonitorRegistry.RegisterCallSite(site.SpecificationId, file, site.Line, site.Column, site.Caller, "TableAssembly"));
        }

        // The same file registered again (its assembly loaded twice) keeps its IDs.
        Assert.Equal(id, MonitorRegistry.RegisterCallSites(file, "TableAssembly", [first, second], ["A()", "B(int)", "C<T>()"], sites));
    }

    [Fact]
    public void Sites_registered_before_in_another_grouping_still_get_a_consecutive_block()
    {
        string type = "Regrouped" + Guid.NewGuid().ToString("N");
        int specification = Specification(type, "Work");
        string file = type + ".cs";
        int single = MonitorRegistry.RegisterCallSite(specification, file, 2, 9, "M()", "A");
        MonitorRegistry.RegisterCallSite(specification, "Other" + file, 1, 1, "M()", "A");

        int id = MonitorRegistry.RegisterCallSites(file, "A", [specification], ["M()"], [0, 1, 5, 0, 0, 2, 9, 0, 0, 3, 1, 0]);

        Assert.Equal(new[] { (1, 5), (2, 9), (3, 1) }, Enumerable.Range(id, 3).Select(i => (MonitorRegistry.CallSite(i).Line, MonitorRegistry.CallSite(i).Column)));
        Assert.Equal(single, MonitorRegistry.RegisterCallSite(specification, file, 2, 9, "M()", "A"));
    }

    [Theory]
    [InlineData(new int[0], "0 numbers")]
    [InlineData(new[] { 0, 1, 1 }, "3 numbers")]
    [InlineData(new[] { 0, 1, 1, 0, 1, 2, 2, 0 }, "call site 1 of Broken.cs: specification index 1 of 1")]
    [InlineData(new[] { -1, 1, 1, 0 }, "call site 0 of Broken.cs: specification index -1 of 1")]
    [InlineData(new[] { 0, 1, 1, 2 }, "caller index 2 of 1")]
    [InlineData(new[] { 0, 1, 1, int.MinValue }, "caller index -2147483648 of 1")]
    public void A_malformed_table_is_refused_naming_the_file_and_the_site(int[] sites, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => MonitorRegistry.RegisterCallSites("Broken.cs", "A", [1], ["M()"], sites));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("sites", error.ParamName);
    }

    private static int Specification(string type, string method) =>
        MonitorRegistry.RegisterSpecification($"M:{type}.{method}", $"{type}.{method}()", "MaxDuration(\"1s\")", 1_000_000_000L);
}
