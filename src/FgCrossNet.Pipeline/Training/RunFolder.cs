using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FgCrossNet.IO;

namespace FgCrossNet.Training;

/// <summary>
/// The folder of one training run, <c>RUNS/&lt;yyyyMMdd-HHmmss&gt;_&lt;name&gt;/</c>: <c>config.json</c> (the resolved
/// configuration), <c>metrics.jsonl</c> (one JSON object per line, appended per epoch), <c>checkpoints/</c>,
/// <c>summary.json</c> (written at the end), and <c>.lock</c> while a process works in it. Only one process can hold a
/// run folder: a second one is refused. Everything but the metrics log is written atomically; a torn last line of the
/// log (a crash mid-write) is dropped when the run is resumed.
/// </summary>
public sealed class RunFolder : IDisposable
{
    public const string ConfigFile = "config.json";
    public const string MetricsFile = "metrics.jsonl";
    public const string SummaryFile = "summary.json";
    public const string CheckpointFolder = "checkpoints";
    private const string LockFile = ".lock";

    private readonly FileStream _lock;

    private RunFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.Combine(Path, CheckpointFolder));
        try
        {
            // FileShare.None + DeleteOnClose: the OS releases the lock when the process dies, even on SIGKILL.
            _lock = new FileStream(System.IO.Path.Combine(Path, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            _lock.SetLength(0);
            _lock.Write(Encoding.UTF8.GetBytes($"{Environment.ProcessId}\n"));
            _lock.Flush();
        }
        catch (IOException)
        {
            throw new InvalidInputException(Path, "another process is using this run folder (it holds .lock)");
        }
        // Checkpoints are written atomically; a killed run leaves its half-written temporary files, removed here.
        AtomicFile.DeleteStaleTemporaryFiles(Path);
        AtomicFile.DeleteStaleTemporaryFiles(CheckpointsPath);
    }

    public string Path { get; }

    /// <summary>The folder's own name (<c>&lt;time&gt;_&lt;name&gt;</c>), also when it was given with a trailing separator.</summary>
    public string Name => System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(Path));

    public string CheckpointsPath => System.IO.Path.Combine(Path, CheckpointFolder);

    /// <summary>Creates a new run folder under <paramref name="runsRoot"/> named after the current time and the run's name.</summary>
    public static RunFolder Create(string runsRoot, string name, DateTime? now = null)
    {
        var stamp = (now ?? DateTime.Now).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var path = System.IO.Path.Combine(runsRoot, $"{stamp}_{name}");
        for (int i = 2; Directory.Exists(path); i++) path = System.IO.Path.Combine(runsRoot, $"{stamp}_{name}-{i}");
        return new RunFolder(path);
    }

    /// <summary>
    /// Makes <paramref name="target"/> a finished run with the training of the finished run <paramref name="source"/>
    /// (its final model, metrics log and summary; not its intermediate checkpoints) and <paramref name="config"/> as its
    /// config: for a config that differs only in how the run is evaluated. The config is written last.
    /// </summary>
    public static void CopyTrainingOf(string source, string target, ExperimentConfig config)
    {
        using var run = CreateAt(target);
        foreach (var name in new[] { TrainingCheckpoints.FinalPyTorchFile, TrainingCheckpoints.FinalTorchSharpFile })
            File.Copy(System.IO.Path.Combine(source, CheckpointFolder, name), System.IO.Path.Combine(run.CheckpointsPath, name), overwrite: true);
        foreach (var name in new[] { MetricsFile, SummaryFile })
            File.Copy(System.IO.Path.Combine(source, name), System.IO.Path.Combine(run.Path, name), overwrite: true);
        run.WriteConfig(config);
    }

    /// <summary>Creates the run folder at exactly <paramref name="path"/> (an ablation cell); refused when it already holds a run.</summary>
    public static RunFolder CreateAt(string path)
    {
        if (File.Exists(System.IO.Path.Combine(path, ConfigFile)))
            throw new InvalidInputException(path, $"already holds a run ({ConfigFile}): resume it instead");
        return new RunFolder(path);
    }

    /// <summary>Opens an existing run folder (to resume it); refused when it does not hold a config.</summary>
    public static RunFolder Open(string path)
    {
        if (!File.Exists(System.IO.Path.Combine(path, ConfigFile)))
            throw new InvalidInputException(path, $"not a run folder (no {ConfigFile})");
        return new RunFolder(path);
    }

    public void WriteConfig(ExperimentConfig config) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, ConfigFile), ExperimentConfigLoader.ToJson(config) + "\n");

    /// <summary>The run's resolved config; a damaged <c>config.json</c> is an error naming it.</summary>
    public ExperimentConfig ReadConfig() => ExperimentConfigLoader.Load(System.IO.Path.Combine(Path, ConfigFile));

    /// <summary>Appends one record to the metrics log and flushes it to disk.</summary>
    public void AppendMetrics(JsonObject record)
    {
        var line = record.ToJsonString() + "\n";
        using var stream = new FileStream(System.IO.Path.Combine(Path, MetricsFile), FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(Encoding.UTF8.GetBytes(line));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>The complete records of the metrics log; a torn last line is ignored (<see cref="TrainingMetricsLog.Read"/>).</summary>
    public IReadOnlyList<JsonObject> ReadMetrics()
    {
        var file = System.IO.Path.Combine(Path, MetricsFile);
        return File.Exists(file) ? TrainingMetricsLog.Read(file) : [];
    }

    /// <summary>Rewrites the metrics log keeping only the records <paramref name="keep"/> accepts (used when resuming from an earlier checkpoint).</summary>
    public void TruncateMetrics(Func<JsonObject, bool> keep)
    {
        var kept = ReadMetrics().Where(keep).Select(r => r.ToJsonString() + "\n");
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, MetricsFile), string.Concat(kept));
    }

    public void WriteSummary(JsonObject summary) =>
        JsonFileNode.Write(System.IO.Path.Combine(Path, SummaryFile), summary);

    public void Dispose() => _lock.Dispose();
}
