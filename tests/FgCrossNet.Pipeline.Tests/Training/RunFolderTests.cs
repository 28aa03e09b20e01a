using System.Text.Json.Nodes;
using FgCrossNet.IO;
using FgCrossNet.Training;

namespace FgCrossNet.Pipeline.Tests.Training;

public class RunFolderTests
{
    [Fact]
    public void A_second_holder_of_the_same_run_folder_is_refused()
    {
        using var dir = new TempFolder();
        using var run = RunFolder.Create(dir.Path, "x", new DateTime(2026, 1, 2, 3, 4, 5));
        Assert.EndsWith("20260102-030405_x", run.Path);
        run.WriteConfig(ExperimentConfigLoader.Load("cpu-small"));
        var e = Assert.Throws<InvalidInputException>(() => RunFolder.Open(run.Path));
        Assert.Contains("another process", e.Message);
    }

    [Fact]
    public void The_lock_is_released_on_dispose()
    {
        using var dir = new TempFolder();
        string path;
        using (var run = RunFolder.Create(dir.Path, "x"))
        {
            run.WriteConfig(ExperimentConfigLoader.Load("cpu-small"));
            path = run.Path;
        }
        using var again = RunFolder.Open(path);
        Assert.Equal("cpu-small", again.ReadConfig().Name);
    }

    [Fact]
    public void A_torn_last_metrics_line_is_ignored()
    {
        using var dir = new TempFolder();
        using var run = RunFolder.Create(dir.Path, "x");
        run.AppendMetrics(new JsonObject { ["epoch"] = 1 });
        run.AppendMetrics(new JsonObject { ["epoch"] = 2 });
        File.AppendAllText(Path.Combine(run.Path, RunFolder.MetricsFile), "{\"epoch\": 3, \"lo");
        Assert.Equal(new[] { 1, 2 }, run.ReadMetrics().Select(r => (int)r["epoch"]!));
        run.TruncateMetrics(r => (int)r["epoch"]! < 2);
        Assert.Single(run.ReadMetrics());
    }

    [Fact]
    public void Two_runs_in_the_same_second_get_different_folders()
    {
        using var dir = new TempFolder();
        var now = new DateTime(2026, 1, 2, 3, 4, 5);
        using var a = RunFolder.Create(dir.Path, "x", now);
        using var b = RunFolder.Create(dir.Path, "x", now);
        Assert.NotEqual(a.Path, b.Path);
    }
}
