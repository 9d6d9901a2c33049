using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Vypr.Analysis.Inputs;
using Vypr.Analysis.Store;
using Vypr.Analysis.Tests.Explanations;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Analysis.Tests.Inputs;

public sealed class ResultsDirectoryTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vypr-campaign-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void A_campaign_directory_stands_for_its_finished_iterations_in_order_and_not_for_one_cut_short()
    {
        string first = Run("1", "c1");
        string second = Run("2", "c2");
        Run("3", "c3"); // written by an iteration a kill cut short: the checkpoint does not list it
        File.WriteAllText(Path.Combine(directory, "checkpoint.json"), $$"""
            {"schema":"vypr.checkpoint/1","inputs":["a","b","c"],"completed":[
              {"iteration":2,"input":"b","exitCodes":[0],"resultsFiles":["{{Relative(second)}}"],"seconds":1.0},
              {"iteration":1,"input":"a","exitCodes":[1],"resultsFiles":["{{Relative(first)}}"],"seconds":1.5}]}
            """);

        Assert.Equal(new[] { first, second }, ResultsDirectory.Files(directory));
        Assert.Equal(new[] { "c1", "c2" }, RunReader.ReadAll([directory]).Select(r => r.Commit).ToArray());
        Assert.Equal(new[] { "c1", "c2" }, ResultsStore.Open([directory]).Runs.Select(r => r.Run.Commit).ToArray());
    }

    [Fact]
    public void A_plain_directory_stands_for_every_json_file_by_name()
    {
        string b = Run(".", "cb", "b.json");
        string a = Run(".", "ca", "a.json");
        Assert.Equal(new[] { a, b }, ResultsDirectory.Files(directory));
    }

    [Theory]
    [InlineData("""{"schema":"vypr.checkpoint/1","inputs":[]}""", "$.completed")]
    [InlineData("""{"schema":"vypr.checkpoint/1","completed":[{"input":"a"}]}""", "'iteration' and 'resultsFiles'")]
    [InlineData("""{"schema":"vypr.checkpoint/1",""", "not JSON")]
    public void A_malformed_checkpoint_is_refused_naming_the_file_and_what_is_wrong(string checkpoint, string expected)
    {
        string path = Path.Combine(directory, "checkpoint.json");
        File.WriteAllText(path, checkpoint);
        var e = Assert.Throws<InvalidDataException>(() => ResultsDirectory.Files(directory));
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    private string Run(string iteration, string commit, string? name = null)
    {
        RunDocument document = Documents.Uploader(10, 0, 10, commit: commit);
        string folder = Path.Combine(directory, iteration);
        Directory.CreateDirectory(folder);
        string path = Path.GetFullPath(Path.Combine(folder, name ?? $"vypr-Uploader.Tests-{commit}.json"));
        File.WriteAllText(path, JsonSerializer.Serialize(document, VyprJsonContext.Default.RunDocument));
        return path;
    }

    private string Relative(string path) => Path.GetRelativePath(directory, path).Replace('\\', '/');
}
