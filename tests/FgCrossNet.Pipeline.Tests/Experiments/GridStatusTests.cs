using System.Diagnostics;
using System.Text.Json.Nodes;
using FgCrossNet.Experiments;
using FgCrossNet.IO;
using FgCrossNet.Training;

namespace FgCrossNet.Pipeline.Tests.Experiments;

/// <summary>
/// <c>ablate --status</c> from the folder alone: done (scores written), running (a live heartbeat: this host's process
/// alive, or another host's written lately), failed (started, nobody working: a killed process's heartbeat, a stale one,
/// one left with an error, or a run folder without any), missing (never started). The states of real runs under a real
/// Slurm are checked by <see cref="SlurmGridTests"/>; here every case is set up by hand.
/// </summary>
public sealed class GridStatusTests
{
    private const string Grid = """
        name: status
        base: cpu-small
        set: [model.classes=3, stage0.epochs=0, stage1.epochs=2, stage2.epochs=1]
        vary:
          stage2.ranking_weight: [0.1, 0]
        seeds: [0, 1, 2, 3]
        """;

    [Fact]
    public void Every_state_is_read_from_the_folder_and_printed_by_ablate_status()
    {
        using var folder = new TempFolder();
        var gridFile = folder.File("status.yaml");
        File.WriteAllText(gridFile, Grid);
        var grid = AblationGrid.Load(gridFile);
        var output = Path.Combine(folder.Path, "grid");
        AblationRunner.PrepareFolder(grid, output);
        string Cell(int number) => Path.Combine(output, grid.Cells[number - 1].Name);
        void Started(int number, params (int Stage, int Epoch)[] epochs)
        {
            Directory.CreateDirectory(Cell(number));
            File.WriteAllText(Path.Combine(Cell(number), RunFolder.ConfigFile), ExperimentConfigLoader.ToJson(grid.ConfigOf(grid.Cells[number - 1])));
            File.WriteAllLines(Path.Combine(Cell(number), RunFolder.MetricsFile), epochs.Select(e => new JsonObject { ["stage"] = e.Stage, ["epoch"] = e.Epoch }.ToJsonString()));
        }
        void Heartbeat(int number, string host, int pid, TimeSpan age, string? error = null)
        {
            var updated = DateTimeOffset.UtcNow - age;
            var beat = new CellHeartbeat(host, pid, "41_" + number, updated - TimeSpan.FromMinutes(1), updated, error);
            Directory.CreateDirectory(Cell(number));
            File.WriteAllText(CellHeartbeat.PathIn(Cell(number), host, pid), beat.ToJson().ToJsonString());
        }

        // 1 done; 2 running here (this process); 3 killed here (its process has exited, its heartbeat is fresh);
        // 4 running on another node; 5 silent on another node for longer than StaleAfter; 6 failed with an error;
        // 7 interrupted without any heartbeat (a plain ablate killed before heartbeats existed); 8 never started.
        Started(1, (1, 1), (1, 2), (2, 1));
        Directory.CreateDirectory(Path.Combine(Cell(1), RunEvaluation.Folder));
        File.WriteAllText(RunEvaluation.ScoresPath(Cell(1)), "{}");
        Started(2, (1, 1));
        using var working = CellHeartbeatWriter.Start(Cell(2));
        Started(3, (1, 1), (1, 2));
        Heartbeat(3, Environment.MachineName, ExitedProcessId(), TimeSpan.FromSeconds(1));
        Heartbeat(4, "other-node", 4242, TimeSpan.FromSeconds(40));
        Started(5, (1, 1));
        Heartbeat(5, "other-node", 4243, CellHeartbeat.StaleAfter + TimeSpan.FromSeconds(5));
        Started(6);
        using (var failing = CellHeartbeatWriter.Start(Cell(6))) failing.Fail("stage1.epochs: boom");
        Started(7, (2, 1));

        var cells = GridStatus.Read(output);
        Assert.Equal(Enumerable.Range(1, 8), cells.Select(c => c.Number));
        Assert.Equal(grid.Cells.Select(c => c.Name), cells.Select(c => c.Name));
        Assert.Equal([CellState.Done, CellState.Running, CellState.Failed, CellState.Running, CellState.Failed, CellState.Failed, CellState.Failed, CellState.Missing],
            cells.Select(c => c.State));
        Assert.Equal("stage 1 epoch 1/2", cells[1].Progress);
        Assert.Equal(Environment.ProcessId, cells[1].Heartbeat!.Pid);
        Assert.Equal("stage 1 epoch 2/2", cells[2].Progress);
        Assert.Equal("stage 2 epoch 1/1", cells[6].Progress);
        Assert.Equal("stage1.epochs: boom", cells[5].Heartbeat!.Error);
        Assert.Null(cells[7].Progress);

        var printed = CliProcess.Run("ablate", "--status", "--out", output);
        Assert.Equal(1, printed.ExitCode);
        Assert.Contains("8 cells: 1 done, 2 running, 4 failed, 1 missing", printed.StdOut);
        var lines = printed.StdOut.Split('\n');
        string Line(int number) => lines.Single(l => l.TrimStart().StartsWith($"{number}  ", StringComparison.Ordinal));
        Assert.Contains($"running  {grid.Cells[1].Name}", Line(2));
        Assert.Contains($"pid {Environment.ProcessId}", Line(2));
        // The CLI reads the heartbeat some seconds after it was written (a busy machine starts a process slowly).
        var age = System.Text.RegularExpressions.Regex.Match(Line(4), "other-node pid 4242, Slurm job 41_4, heartbeat (\\d+) s ago");
        Assert.True(age.Success, Line(4));
        Assert.InRange(int.Parse(age.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 40, (int)CellHeartbeat.StaleAfter.TotalSeconds - 1);
        Assert.Contains("failed", Line(5));
        Assert.Contains("last heartbeat 2 min ago from other-node pid 4243", Line(5));
        Assert.Contains("error on", Line(6));
        Assert.Contains("stage1.epochs: boom", Line(6));
        Assert.Contains("missing", Line(8));
        Assert.Contains("--skip-existing", printed.StdOut);

        // The working process ends normally: its heartbeat goes, and the unfinished cell reads as failed.
        working.Dispose();
        Assert.Empty(CellHeartbeat.ReadAll(Cell(2)));
        Assert.Equal(CellState.Failed, GridStatus.Read(output)[1].State);
    }

    [Fact]
    public void Status_of_a_folder_that_is_not_a_grid_folder_exits_2_naming_it()
    {
        using var folder = new TempFolder();
        var result = CliProcess.Run("ablate", "--status", "--out", folder.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(folder.Path, result.StdErr);
        Assert.Contains(AblationRunner.GridFile, result.StdErr);
    }

    private static int ExitedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
