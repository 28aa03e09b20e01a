namespace FgCrossNet.Pipeline.Tests.Training;

[Collection(TrainingCollection.Name)]
public class TrainCommandTests(TinyTrainingRoot data)
{
    [Fact]
    public void A_bad_config_value_is_named_and_no_run_folder_is_made()
    {
        var runs = Path.Combine(data.NewRunsFolder(), "runs");
        var result = CliProcess.Run("train", "--config", "cpu-small", "--data", data.Root, "--runs", runs, "--set", "optimizer.lr=-1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("optimizer.lr", result.StdErr);
        Assert.False(Directory.Exists(runs));
    }

    [Fact]
    public void A_missing_list_file_is_named_and_no_run_folder_is_made()
    {
        var runs = Path.Combine(data.NewRunsFolder(), "runs");
        var empty = data.NewRunsFolder();
        var result = CliProcess.Run("train", "--config", "cpu-small", "--data", empty, "--runs", runs);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(Path.Combine("list", "image", "train.txt"), result.StdErr);
        Assert.False(Directory.Exists(runs) && Directory.GetDirectories(runs).Length > 0);
    }

    [Fact]
    public void The_run_folder_is_the_last_line_of_output()
    {
        var runs = data.NewRunsFolder();
        var result = CliProcess.Run("train", "--config", "tiny", "--data", data.Root, "--runs", runs, "--name", "cli",
            "--set", "stage0.steps_per_epoch=1", "--set", "stage0.batch_per_medium=3", "--set", "stage1.epochs=1", "--set", "stage1.steps_per_epoch=1",
            "--set", "stage2.steps_per_epoch=1", "--set", "threads=1");
        Assert.True(result.ExitCode == 0, result.StdErr);
        var last = result.StdOut.TrimEnd().Split('\n')[^1];
        Assert.EndsWith("_cli", last);
        Assert.True(File.Exists(Path.Combine(last, "summary.json")));
    }

    [Fact]
    public void Estimate_times_real_steps_and_projects_the_whole_schedule_without_making_a_run_folder()
    {
        var runs = Path.Combine(data.NewRunsFolder(), "runs");
        var result = CliProcess.Run("train", "--config", "tiny", "--data", data.Root, "--runs", runs, "--estimate", "2",
            "--set", "stage0.epochs=2", "--set", "stage0.steps_per_epoch=3", "--set", "stage0.batch_per_medium=3", "--set", "stage1.epochs=3", "--set", "stage1.steps_per_epoch=5",
            "--set", "stage2.epochs=2", "--set", "stage2.steps_per_epoch=4", "--set", "threads=1");
        Assert.True(result.ExitCode == 0, result.StdErr);
        var line = result.StdOut.Split('\n').Single(l => l.StartsWith("estimate: ", StringComparison.Ordinal));
        // The warm-up: text alone, 3 per step; the other stages: 4 media x 2.
        Assert.Contains("stage 0: 2 x 3 steps of 3 rows + stage 1: 3 x 5 steps of 8 rows + stage 2: 2 x 4 steps of 8 rows = 29 steps", line);
        Assert.Contains("median of 2", line);
        Assert.Equal(3, result.StdOut.Split('\n').Count(l => l.StartsWith("step ", StringComparison.Ordinal)));
        Assert.False(Directory.Exists(runs));
    }
}
