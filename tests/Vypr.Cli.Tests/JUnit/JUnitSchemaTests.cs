using Xunit;

namespace Vypr.Cli.Tests.JUnit;

/// <summary>The schema the reports are held to refuses what JUnit readers refuse, so a valid report means something.</summary>
public sealed class JUnitSchemaTests
{
    [Theory]
    [InlineData("<testsuites><testsuite name=\"s\" tests=\"1\"><testcase name=\"t\" time=\"0.5\"><failure message=\"m\" type=\"T\">x</failure></testcase></testsuite></testsuites>", true)]
    [InlineData("<testsuite name=\"s\" tests=\"0\"/>", true)]
    [InlineData("<testsuites><testsuite tests=\"1\"/></testsuites>", false)]
    [InlineData("<testsuites><testsuite name=\"s\" tests=\"1\"><testcase name=\"t\" time=\"0,5\"/></testsuite></testsuites>", false)]
    [InlineData("<testsuites><testsuite name=\"s\" tests=\"-1\"/></testsuites>", false)]
    [InlineData("<testsuites><testsuite name=\"s\" tests=\"1\"><testcase name=\"t\"><failure/><error/></testcase></testsuite></testsuites>", false)]
    [InlineData("<testsuites><testsuite name=\"s\" tests=\"1\"><testcase/></testsuite></testsuites>", false)]
    [InlineData("<testsuites><testsuite name=\"s\" tests=\"1\" verdict=\"x\"/></testsuites>", false)]
    [InlineData("<testsuites><testsuite name=\"s\" tests=\"1\"><testcase name=\"t\"/><properties/></testsuite></testsuites>", false)]
    public void Valid_reports_pass_and_each_kind_of_mistake_is_refused(string xml, bool valid)
    {
        Assert.Equal(valid, JUnitSchema.Errors(xml).Count == 0);
    }
}
