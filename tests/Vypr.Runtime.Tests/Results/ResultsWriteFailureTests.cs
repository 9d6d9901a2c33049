using System;
using System.IO;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Runtime.Runs;
using Xunit;

namespace Vypr.Runtime.Tests.Results;

/// <summary>Writing a run's results fails loudly and leaves nothing that a reader could take for the results.</summary>
public sealed class ResultsWriteFailureTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vypr-write-failure-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_full_disk_fails_the_write_naming_the_file_and_leaves_no_file_behind()
    {
        Directory.CreateDirectory(_directory);
        RunDocument document = SampleDocuments.WithVerdict(1, 1);
        // /dev/full takes the open and refuses every write with ENOSPC, as a full disk does. The write goes to
        // the results file's temporary name, so that name is where the full disk is put.
        string probe = ResultsFile.Write(document, _directory);
        File.Delete(probe);
        File.CreateSymbolicLink(probe + ".tmp", "/dev/full");

        var error = Assert.Throws<IOException>(() => ResultsFile.Write(document, _directory));

        Assert.Contains(probe, error.Message);
        Assert.Contains(document.Run.RunId.ToString(), error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void A_directory_that_cannot_be_created_fails_the_write_naming_it()
    {
        Directory.CreateDirectory(_directory);
        string notADirectory = Path.Combine(_directory, "file");
        File.WriteAllText(notADirectory, "a file where the results directory should be");

        var error = Assert.Throws<IOException>(() => ResultsFile.Write(SampleDocuments.WithVerdict(1, 1), Path.Combine(notADirectory, "results")));

        Assert.Contains(notADirectory, error.Message);
    }

    [Fact]
    public async Task A_run_whose_results_cannot_be_written_says_so_in_its_summary_and_fails()
    {
        Directory.CreateDirectory(_directory);
        string notADirectory = Path.Combine(_directory, "file");
        File.WriteAllText(notADirectory, "a file where the results directory should be");
        var output = new StringWriter();

        RunCompletion completion = await RunCompletion.CloseAsync(SampleDocuments.WithVerdict(1, 1), null, output, Path.Combine(notADirectory, "results"), TimeSpan.Zero);

        try
        {
            Assert.True(completion.Failed);
            Assert.Contains("RESULTS NOT WRITTEN", output.ToString());
            // The run's verdicts are kept where a person can find them, and the summary says where.
            Assert.NotNull(completion.ResultsPath);
            Assert.Contains(completion.ResultsPath!, output.ToString());
            Assert.Single(ResultsFile.Read(completion.ResultsPath!).Verdicts);
            var thrown = Assert.Throws<RunIncompleteException>(completion.ThrowIfFailed);
            Assert.Contains("RESULTS NOT WRITTEN", thrown.Message);
        }
        finally
        {
            if (completion.ResultsPath is { } fallback)
            {
                File.Delete(fallback);
                File.Delete(Path.ChangeExtension(fallback, ".txt"));
            }
        }
    }

    [Fact]
    public async Task A_run_whose_results_are_written_does_not_fail()
    {
        var output = new StringWriter();

        RunCompletion completion = await RunCompletion.CloseAsync(SampleDocuments.WithVerdict(double.NaN, double.PositiveInfinity), null, output, _directory, TimeSpan.Zero);

        Assert.False(completion.Failed);
        completion.ThrowIfFailed();
        Assert.Contains("Results: " + completion.ResultsPath, output.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
