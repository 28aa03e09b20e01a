using System.Text.Json.Nodes;
using FgCrossNet.Core;
using FgCrossNet.Data;
using FgCrossNet.Pipeline.Tests.Data.Loading;
using FgCrossNet.Training;

namespace FgCrossNet.Pipeline.Tests.Training;

/// <summary>
/// <c>fgcrossnet train</c> on bad input and damaged run folders, as a user meets them: one line naming the file, exit
/// code 2, no stack trace, no native abort, and no run folder when the problem can be found before one is made.
/// </summary>
[Collection(TrainingCollection.Name)]
public class TrainCommandBadInputTests(TinyTrainingRoot data)
{
    /// <summary>The built-in tiny config without its text warm-up, one step per epoch (stage 1 has two epochs), on one thread.</summary>
    private static readonly string[] Tiny =
    [
        "--config", "tiny", "--set", "stage0.epochs=0", "--set", "stage1.steps_per_epoch=1", "--set", "stage2.steps_per_epoch=1", "--set", "threads=1",
    ];

    private static CliProcess.Result Train(string root, string runs, params string[] more) =>
        CliProcess.Run(["train", "--data", root, "--runs", runs, .. Tiny, .. more]);

    private static void AssertRefusedWithoutRunFolder(CliProcess.Result result, string runs, params string[] named)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        foreach (var n in named) Assert.Contains(n, result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.False(Directory.Exists(runs) && Directory.EnumerateFileSystemEntries(runs).Any(), "a run folder was made");
    }

    /// <summary>A run stopped after its first epoch (stage 1 has two), so that a resume loads every part of the checkpoint.</summary>
    private string StoppedRun()
    {
        var runs = data.NewRunsFolder();
        var result = Train(data.Root, runs, "--stop-after-epochs", "1");
        Assert.True(result.ExitCode == 0, result.StdErr);
        return result.StdOut.TrimEnd().Split('\n')[^1];
    }

    [Theory]
    [InlineData("optimizer_file")]
    [InlineData("rng_file")]
    [InlineData("config")]
    public void Resuming_a_run_with_a_truncated_or_corrupt_part_names_the_file_and_exits_2(string part)
    {
        var run = StoppedRun();
        var checkpoints = Path.Combine(run, RunFolder.CheckpointFolder);
        var state = JsonNode.Parse(File.ReadAllText(Path.Combine(checkpoints, TrainingCheckpoints.LastStateFile)))!;
        string damaged;
        if (part == "config")
        {
            damaged = Path.Combine(run, RunFolder.ConfigFile);
            File.WriteAllText(damaged, "{\"name\": ");
        }
        else
        {
            damaged = Path.Combine(checkpoints, (string)state[part]!);
            using var stream = new FileStream(damaged, FileMode.Open);
            stream.SetLength(stream.Length / 2);
        }

        var result = CliProcess.Run("train", "--resume", run);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdOut} {result.StdErr}");
        Assert.Contains(damaged, result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.DoesNotContain("c10::Error", result.StdErr);
        Assert.False(File.Exists(Path.Combine(run, RunFolder.SummaryFile)));
    }

    [Fact]
    public void A_run_stopped_before_its_first_epoch_resumes_without_data_from_its_config_and_drops_a_killed_writers_files()
    {
        var runs = data.NewRunsFolder();
        var started = Train(data.Root, runs, "--stop-after-epochs", "0");
        Assert.True(started.ExitCode == 0, started.StdErr);
        var run = started.StdOut.TrimEnd().Split('\n')[^1];
        Assert.False(File.Exists(Path.Combine(run, RunFolder.CheckpointFolder, TrainingCheckpoints.LastStateFile)));
        // What a run killed while saving a checkpoint leaves.
        var stale = Path.Combine(run, RunFolder.CheckpointFolder, $".state-s1-e001.model.dat.{CliProcess.DeadProcessId()}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(stale, new byte[4096]);

        var resumed = CliProcess.Run("train", "--resume", run);

        Assert.True(resumed.ExitCode == 0, resumed.StdErr);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(Path.Combine(run, RunFolder.SummaryFile)));
        Assert.Equal(data.Root, (string)JsonNode.Parse(File.ReadAllText(Path.Combine(run, RunFolder.ConfigFile)))!["data"]!["root"]!);
    }

    [Fact]
    public void A_config_file_holding_a_JSON_array_is_named_as_the_config_file()
    {
        var runs = Path.Combine(data.NewRunsFolder(), "runs");
        var file = Path.Combine(data.NewRunsFolder(), "array.json");
        File.WriteAllText(file, "[1, 2, 3]\n");
        var result = CliProcess.Run("train", "--config", file, "--data", data.Root, "--runs", runs);
        AssertRefusedWithoutRunFolder(result, runs, file, "JSON array");
        Assert.DoesNotContain("--set", result.StdErr);
    }

    [Fact]
    public void An_unreadable_pretrained_checkpoint_is_refused_before_a_run_folder_is_made()
    {
        var runs = Path.Combine(data.NewRunsFolder(), "runs");
        var pretrained = Path.Combine(data.NewRunsFolder(), "resnet18.pth");
        File.WriteAllBytes(pretrained, [0x50, 0x4b, 0x03, 0x04, .. Enumerable.Repeat((byte)0x55, 200)]);
        var result = Train(data.Root, runs, "--set", $"model.pretrained={pretrained}");
        AssertRefusedWithoutRunFolder(result, runs, pretrained);
    }

    [Fact]
    public void A_corrupt_image_and_a_decompression_bomb_are_found_before_a_run_folder_is_made()
    {
        var root = data.CopyOfRoot();
        var layout = new DatasetLayout(root);
        var train = ListFile.Read(layout.ListPath(Medium.Image, "train"));
        var test = ListFile.Read(layout.ListPath(Medium.Audio, "test"));
        File.WriteAllBytes(Path.Combine(root, train[^1].RelativePath), [0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
        var runs = Path.Combine(data.NewRunsFolder(), "runs");
        AssertRefusedWithoutRunFolder(Train(root, runs), runs, train[^1].RelativePath, layout.ListPath(Medium.Image, "train"));

        File.Copy(Path.Combine(data.Root, train[^1].RelativePath), Path.Combine(root, train[^1].RelativePath), overwrite: true);
        File.WriteAllBytes(Path.Combine(root, test[0].RelativePath), DecompressionBombTests.Png(100_000, 100_000));
        var bomb = Train(root, runs);
        AssertRefusedWithoutRunFolder(bomb, runs, test[0].RelativePath, "100000x100000");
    }

    [Fact]
    public void An_empty_text_is_refused_by_train_as_by_data_check_and_extract()
    {
        var root = data.CopyOfRoot();
        var layout = new DatasetLayout(root);
        var text = ListFile.Read(layout.ListPath(Medium.Text, "train"))[1];
        File.WriteAllText(Path.Combine(root, text.RelativePath), "");
        var runs = Path.Combine(data.NewRunsFolder(), "runs");
        AssertRefusedWithoutRunFolder(Train(root, runs), runs, text.RelativePath, "empty text");

        var check = CliProcess.Run("data", "check", "--root", root);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains($"{text.RelativePath}: empty text", check.StdOut);
    }

    [Fact]
    public void With_skip_bad_items_a_bad_train_item_and_a_bad_test_item_are_skipped_named_and_counted()
    {
        var root = data.CopyOfRoot();
        var layout = new DatasetLayout(root);
        var badTrain = ListFile.Read(layout.ListPath(Medium.Image, "train"))[2];
        var badTest = ListFile.Read(layout.ListPath(Medium.Image, "test"))[1];
        File.WriteAllBytes(Path.Combine(root, badTrain.RelativePath), [1, 2, 3]);
        File.WriteAllText(Path.Combine(root, badTest.RelativePath), "not a JPEG");
        var runs = data.NewRunsFolder();

        var result = Train(root, runs, "--set", "data.skip_bad_items=true");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains(badTrain.RelativePath, result.StdOut);
        Assert.Contains(badTest.RelativePath, result.StdOut);
        var run = result.StdOut.TrimEnd().Split('\n')[^1];
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, RunFolder.SummaryFile)))!;
        Assert.Equal(2, (int)summary["skipped_item_count"]!);
        var named = string.Join("\n", summary["skipped_items"]!.AsArray().Select(n => (string)n!));
        Assert.Contains(badTrain.RelativePath, named);
        Assert.Contains(badTest.RelativePath, named);
        foreach (var line in File.ReadLines(Path.Combine(run, RunFolder.MetricsFile)))
            Assert.Equal(2, (int)JsonNode.Parse(line)!["skipped_items"]!);
    }
}
