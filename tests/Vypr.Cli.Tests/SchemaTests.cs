using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Vypr.Cli.Run;
using Xunit;

namespace Vypr.Cli.Tests;

/// <summary>docs/vypr.schema.json, which editors check vypr.yml against, names exactly the keys the reader accepts; the sample campaign reads.</summary>
public sealed class SchemaTests
{
    private static readonly string s_repository = typeof(SchemaTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    [Fact]
    public void The_schema_names_the_keys_the_reader_accepts()
    {
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_repository, "docs", "vypr.schema.json")));
        JsonElement top = schema.RootElement.GetProperty("properties");
        JsonElement[] inputForms = [.. top.GetProperty("inputs").GetProperty("oneOf").EnumerateArray()];

        Assert.Equal(Sorted(CampaignConfigReader.Keys[""]), Names(top));
        Assert.Equal(Sorted(CampaignConfigReader.Keys["projects"]), Names(top.GetProperty("projects").GetProperty("items").GetProperty("oneOf")[1].GetProperty("properties")));
        Assert.Equal(Sorted(CampaignConfigReader.Keys["inputs.range"]), Names(inputForms[1].GetProperty("properties")));
        Assert.Equal(Sorted(CampaignConfigReader.Keys["inputs.file"]), Names(inputForms[2].GetProperty("properties")));
        Assert.Equal(Sorted(CampaignConfigReader.Keys["server"]), Names(top.GetProperty("server").GetProperty("properties")));
        Assert.Equal(Sorted(CampaignConfigReader.Keys["profile"]), Names(top.GetProperty("profile").GetProperty("properties")));
    }

    [Fact]
    public void The_sample_campaign_runs_the_uploader_tests_with_fail_fast()
    {
        CampaignConfig config = CampaignConfigReader.ReadFile(Path.Combine(s_repository, "samples", "vypr.yml"));

        CampaignProject project = Assert.Single(config.Projects);
        Assert.Equal(Path.Combine(s_repository, "samples", "Uploader.Tests"), project.Path);
        Assert.Equal("run", project.Runner);
        Assert.True(config.FailFast);
        Assert.Equal(["1", "2", "3"], config.Inputs);
    }

    private static string[] Sorted(string[] keys) => [.. keys.Order()];

    private static string[] Names(JsonElement properties) => [.. properties.EnumerateObject().Select(p => p.Name).Order()];
}
