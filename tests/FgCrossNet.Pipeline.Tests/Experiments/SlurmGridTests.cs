using System.Diagnostics;
using System.Text.RegularExpressions;
using FgCrossNet.Experiments;
using FgCrossNet.Pipeline.Tests.Training;
using FgCrossNet.Training;
using Xunit.Abstractions;

namespace FgCrossNet.Pipeline.Tests.Experiments;

/// <summary>
/// <c>ablate --slurm</c> against a real Slurm (<see cref="SlurmCluster"/>): the CI grid (data-manifests/ablations/tiny.yaml,
/// one TorchSharp thread) runs as a job array plus a collect job; one task cancelled with scancel mid-run leaves its cell
/// failed and the collect job naming it; the same command again submits that cell alone, which resumes from its
/// checkpoint; the collected report and every cell's final weights equal those of the same grid run locally by
/// <c>ablate</c>. The wall times go to the test output.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed partial class SlurmGridTests(TinyTrainingRoot data, SlurmCluster slurm, ITestOutputHelper output) : IClassFixture<SlurmCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_grid_through_Slurm_resumes_a_cancelled_task_when_resubmitted_and_reports_as_the_local_run()
    {
        var total = Stopwatch.StartNew();
        var folder = data.NewRunsFolder();
        var gridFile = Path.Combine(folder, "tiny.yaml");
        File.WriteAllText(gridFile, CiGridOnOneThread());
        var grid = AblationGrid.Load(gridFile);
        Assert.Equal(4, grid.Cells.Count);
        string[] Ablate(string outFolder, params string[] more) => ["ablate", "--grid", gridFile, "--data", data.Root, "--out", outFolder, .. more];

        var local = Path.Combine(folder, "local");
        var clock = Stopwatch.StartNew();
        var localRun = CliProcess.Run(Ablate(local));
        Assert.True(localRun.ExitCode == 0, localRun.StdErr);
        var localSeconds = clock.Elapsed.TotalSeconds;

        var cluster = Path.Combine(folder, "slurm");
        var scripts = new SlurmGridScripts(cluster);
        clock.Restart();
        var submitted = CliProcess.RunWith(slurm.ClientEnvironment, Ablate(cluster, "--slurm"));
        Assert.True(submitted.ExitCode == 0, submitted.StdErr);
        Assert.Contains("tasks 1-4 ", submitted.StdOut);
        var (arrayJob, collectJob) = JobIds(submitted.StdOut);

        // Asked again while they are queued or running, it submits nothing.
        var twice = CliProcess.RunWith(slurm.ClientEnvironment, Ablate(cluster, "--slurm", "--dry-run"));
        Assert.True(twice.ExitCode == 0, twice.StdErr);
        Assert.Contains("nothing to submit", twice.StdOut);

        // Task 2 is cancelled after its first epoch's checkpoint, before its end: SIGSTOP holds it there (a tiny cell
        // trains for seconds) while scancel's signals are on their way.
        var victim = Path.Combine(cluster, grid.Cells[1].Name);
        var task = $"{arrayJob}_2";
        CellHeartbeat? beat = null;
        WaitFor(() => File.Exists(Path.Combine(victim, RunFolder.CheckpointFolder, TrainingCheckpoints.LastStateFile))
            && (beat = CellHeartbeat.ReadAll(victim).FirstOrDefault(b => b.SlurmJob == task)) is not null, $"task {task}'s first checkpoint");
        Assert.True(SlurmCluster.Signal(beat!.Pid, SlurmCluster.SigStop), $"task {task} (pid {beat.Pid}) ended before it could be stopped");
        Assert.False(RunEvaluation.IsEvaluated(victim));
        var running = CliProcess.Run("ablate", "--status", "--out", cluster);
        Assert.Matches($@"\n\s+2  running  \S+\s+.*Slurm job {task}, heartbeat", running.StdOut);
        slurm.Run("scancel", task);
        WaitFor(() => !Queue().Contains(task), $"{task} to leave the queue");
        WaitFor(() => Queue().Count == 0, "the first submission's jobs to end");
        var firstSeconds = clock.Elapsed.TotalSeconds;

        Assert.False(SlurmCluster.IsAlive(beat.Pid), "the cancelled task's process is still there");
        Assert.False(RunEvaluation.IsEvaluated(victim), "the cancelled task finished its cell anyway");
        Assert.Contains($"1 of 4 cells are not done: {grid.Cells[1].Name}", File.ReadAllText(scripts.CollectLog(collectJob)));
        var afterCancel = CliProcess.Run("ablate", "--status", "--out", cluster);
        Assert.Equal(1, afterCancel.ExitCode);
        Assert.Contains("4 cells: 3 done, 0 running, 1 failed, 0 missing", afterCancel.StdOut);
        Assert.Contains($"sbatch --array=2 {scripts.CellsScript}", afterCancel.StdOut);

        // The same command again submits the failed cell alone; its task resumes from the checkpoint; the report follows.
        clock.Restart();
        var again = CliProcess.RunWith(slurm.ClientEnvironment, Ablate(cluster, "--slurm"));
        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Contains("tasks 2 ", again.StdOut);
        var (arrayJob2, collectJob2) = JobIds(again.StdOut);
        WaitFor(() => Queue().Count == 0, "the resubmitted jobs to end");
        var resubmittedSeconds = clock.Elapsed.TotalSeconds;
        Assert.Contains($"[1] {grid.Cells[1].Name}: resuming", File.ReadAllText(scripts.CellLog(arrayJob2, 2)));
        Assert.Contains("report:", File.ReadAllText(scripts.CollectLog(collectJob2)));
        var done = CliProcess.Run("ablate", "--status", "--out", cluster);
        Assert.True(done.ExitCode == 0, done.StdOut);

        foreach (var cell in grid.Cells)
            TwoStageTrainerTests.AssertSameTensors(TwoStageTrainerTests.FinalWeights(Path.Combine(local, cell.Name)), TwoStageTrainerTests.FinalWeights(Path.Combine(cluster, cell.Name)));
        foreach (var file in new[] { AblationReportFiles.MarkdownFile, AblationReportFiles.LatexFile, AblationReportFiles.CsvFile })
            Assert.Equal(File.ReadAllText(Path.Combine(local, file)), File.ReadAllText(Path.Combine(cluster, file)));
        // report.json also names the run folders, which differ only in the grid folder.
        Assert.Equal(File.ReadAllText(Path.Combine(local, AblationReportFiles.JsonFile)).Replace(local, "GRID"),
            File.ReadAllText(Path.Combine(cluster, AblationReportFiles.JsonFile)).Replace(cluster, "GRID"));

        output.WriteLine($"Slurm started in {slurm.StartSeconds:F1} s; the grid locally {localSeconds:F1} s; through Slurm with task 2 cancelled "
            + $"{firstSeconds:F1} s, its resubmission {resubmittedSeconds:F1} s; the whole test {total.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>data-manifests/ablations/tiny.yaml on one TorchSharp thread, so that runs in different processes agree bit for bit.</summary>
    private static string CiGridOnOneThread()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "data-manifests", "ablations", "tiny.yaml"));
        const string lastOverride = "evaluation.map_every_epochs=0]";
        Assert.True(text.Contains(lastOverride, StringComparison.Ordinal), $"tiny.yaml's set no longer ends with {lastOverride}: update this test");
        return text.Replace(lastOverride, "evaluation.map_every_epochs=0, threads=1]", StringComparison.Ordinal);
    }

    private static (string ArrayJob, string CollectJob) JobIds(string stdout) =>
        (ArrayJobPattern().Match(stdout) is { Success: true } a ? a.Groups[1].Value : throw new InvalidOperationException($"no array job id in: {stdout}"),
         CollectJobPattern().Match(stdout) is { Success: true } c ? c.Groups[1].Value : throw new InvalidOperationException($"no collect job id in: {stdout}"));

    /// <summary>The jobs and array tasks the cluster holds (pending, running, completing).</summary>
    private List<string> Queue() =>
        [.. slurm.Run("squeue", "--noheader", "--array", "--format=%i").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private void WaitFor(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Patience)
                Assert.Fail($"waited {Patience.TotalMinutes:0} min for {what}; queue: {string.Join(", ", Queue())}\n{slurm.Logs()}");
            Thread.Sleep(100);
        }
    }

    [GeneratedRegex(@"submitted array job (\d+)")]
    private static partial Regex ArrayJobPattern();

    [GeneratedRegex(@"submitted collect job (\d+)")]
    private static partial Regex CollectJobPattern();
}
