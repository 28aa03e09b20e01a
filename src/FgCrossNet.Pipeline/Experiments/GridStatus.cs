using System.Text.Json.Nodes;
using FgCrossNet.IO;
using FgCrossNet.Training;

namespace FgCrossNet.Experiments;

/// <summary>Where an ablation cell stands (see <see cref="GridStatus"/>).</summary>
public enum CellState
{
    /// <summary>Trained and evaluated (<c>eval/scores.json</c> exists).</summary>
    Done,

    /// <summary>Not done, and a process is working on it (a live <see cref="CellHeartbeat"/>).</summary>
    Running,

    /// <summary>Started (its run folder holds a run, or a process left a heartbeat) but not done, and nobody is working on it: killed, preempted, out of time, or an error.</summary>
    Failed,

    /// <summary>Never started.</summary>
    Missing,
}

/// <summary>
/// One cell of a grid folder: its 1-based <see cref="Number"/> (the shard k of <c>--shard k/n</c> with n = cells, and
/// the array task of <c>ablate --slurm</c>), name, state, its last completed epoch (<c>stage S epoch E/N</c>, from
/// <c>metrics.jsonl</c>), and the heartbeat that says most about it (the live one, else the newest).
/// </summary>
public sealed record CellStatus(int Number, string Name, CellState State, string? Progress, CellHeartbeat? Heartbeat);

/// <summary>
/// The state of every cell of a grid folder, read from the folder alone (no scheduler is asked, so it reads the same
/// with or without Slurm, on any node that sees the folder): done, running, failed or missing, in grid order.
/// </summary>
public static class GridStatus
{
    public static IReadOnlyList<CellStatus> Read(string gridFolder, DateTimeOffset? now = null)
    {
        var folder = Path.GetFullPath(gridFolder);
        var cells = AblationRunner.ReadCellNames(folder) ?? throw new InvalidInputException(folder, $"not a grid folder (no {AblationRunner.GridFile})");
        var at = now ?? DateTimeOffset.UtcNow;
        return cells.Select((name, i) => Of(i + 1, name, Path.Combine(folder, name), at)).ToList();
    }

    private static CellStatus Of(int number, string name, string cellFolder, DateTimeOffset now)
    {
        var beats = CellHeartbeat.ReadAll(cellFolder);
        var live = beats.Where(b => b.IsLive(now)).MaxBy(b => b.Updated);
        var heartbeat = live ?? beats.MaxBy(b => b.Updated);
        var state = RunEvaluation.IsEvaluated(cellFolder) ? CellState.Done
            : live is not null ? CellState.Running
            : File.Exists(Path.Combine(cellFolder, RunFolder.ConfigFile)) || beats.Count > 0 ? CellState.Failed
            : CellState.Missing;
        return new CellStatus(number, name, state, state == CellState.Missing ? null : Progress(cellFolder), heartbeat);
    }

    /// <summary><c>stage S epoch E/N</c> of the last epoch in the metrics log; null before the first one.</summary>
    private static string? Progress(string cellFolder)
    {
        if (!File.Exists(Path.Combine(cellFolder, RunFolder.MetricsFile))) return null;
        var last = TrainingMetricsLog.Read(cellFolder).LastOrDefault();
        if (last?["stage"]?.GetValue<int>() is not { } stage || last["epoch"]?.GetValue<int>() is not { } epoch) return null;
        var text = $"stage {stage} epoch {epoch}";
        var configFile = Path.Combine(cellFolder, RunFolder.ConfigFile);
        try
        {
            var config = ExperimentConfigLoader.Parse(JsonNode.Parse(File.ReadAllText(configFile))!, configFile);
            return $"{text}/{config.Stages.First(s => s.Number == stage).Config.Epochs}";
        }
        catch (Exception e) when (e is InvalidInputException or System.Text.Json.JsonException or IOException or InvalidOperationException)
        {
            return text;
        }
    }
}
