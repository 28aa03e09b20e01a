using System.Text;
using System.Text.RegularExpressions;
using FgCrossNet.IO;

namespace FgCrossNet.Experiments;

/// <summary>
/// The Slurm batch scripts of a grid folder, in <c>OUT/slurm/</c>: <c>cells.sh</c>, a job-array script whose task k
/// (1-based, one per cell) runs <c>fgcrossnet ablate … --skip-existing --shard k/n</c> (n = the grid's cells, written
/// into the script, so that a task resubmitted alone, <c>sbatch --array=k cells.sh</c>, still runs cell k), and
/// <c>collect.sh</c>, which runs <c>ablate --collect</c> (check every cell is done, write the report). Logs go to
/// <c>OUT/slurm/logs/cell-&lt;task&gt;_&lt;array job&gt;.out</c> (appended to when a task is requeued) and
/// <c>collect_&lt;job&gt;.out</c>. Per-task resources: <c>--cpus-per-task</c> = the largest <c>threads</c> of the
/// grid's cells, plus the user's sbatch options (partition, GPUs, time, account, ...) as <c>#SBATCH</c> lines, so a
/// resubmitted script asks for the same; the collect job takes only the options that say where a job may run
/// (<see cref="PlacementOptions"/>).
/// </summary>
public sealed partial class SlurmGridScripts
{
    public const string FolderName = "slurm";
    public const string CellsScriptName = "cells.sh";
    public const string CollectScriptName = "collect.sh";
    public const string LogFolderName = "logs";

    /// <summary>sbatch options that only say where a job may run; the collect job takes these from the user's options.</summary>
    public static IReadOnlyList<string> PlacementOptions { get; } = ["--partition", "-p", "--account", "-A", "--qos", "-q", "--clusters", "-M", "--reservation"];

    /// <summary>sbatch options the scripts set themselves (and how they are run sets): refused in the user's options.</summary>
    private static readonly string[] ManagedOptions = ["--array", "-a", "--output", "-o", "--error", "-e", "--dependency", "-d", "--open-mode", "--wrap", "--parsable"];

    public SlurmGridScripts(string gridFolder)
    {
        GridFolder = Path.GetFullPath(gridFolder);
        Folder = Path.Combine(GridFolder, FolderName);
        LogFolder = Path.Combine(Folder, LogFolderName);
        CellsScript = Path.Combine(Folder, CellsScriptName);
        CollectScript = Path.Combine(Folder, CollectScriptName);
    }

    public string GridFolder { get; }

    public string Folder { get; }

    public string LogFolder { get; }

    public string CellsScript { get; }

    public string CollectScript { get; }

    /// <summary>The log of array task <paramref name="task"/> of array job <paramref name="arrayJob"/>.</summary>
    public string CellLog(string arrayJob, int task) => Path.Combine(LogFolder, $"cell-{task}_{arrayJob}.out");

    /// <summary>The log of collect job <paramref name="job"/>.</summary>
    public string CollectLog(string job) => Path.Combine(LogFolder, $"collect_{job}.out");

    /// <summary>The log of a <see cref="CellHeartbeat.SlurmJob"/> (<c>ARRAYJOB_TASK</c>) when it is an array task of these scripts and the log exists.</summary>
    public string? LogOf(string? slurmJob)
    {
        var match = slurmJob is null ? null : ArrayTaskPattern().Match(slurmJob);
        if (match is not { Success: true }) return null;
        var log = CellLog(match.Groups[1].Value, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        return File.Exists(log) ? log : null;
    }

    /// <summary>
    /// Writes both scripts (atomically, executable) and creates the log folder. <paramref name="fgcrossnet"/> is the
    /// command that runs this program (its executable, or <c>dotnet</c> and its assembly); <paramref name="sbatchOptions"/>
    /// are checked by <see cref="CheckSbatchOptions"/>.
    /// </summary>
    public void Write(AblationGrid grid, string dataRoot, IReadOnlyList<string> fgcrossnet, IReadOnlyList<string> sbatchOptions)
    {
        CheckSbatchOptions(sbatchOptions);
        Directory.CreateDirectory(LogFolder);
        int cells = grid.Cells.Count;
        int threads = grid.Cells.Max(c => grid.ConfigOf(c).Threads);
        var command = string.Join(' ', fgcrossnet.Select(ShellWord));

        var script = new StringBuilder("#!/bin/bash\n");
        script.Append($"#SBATCH --job-name={ShellWord($"fgx-{grid.Name}")}\n");
        script.Append($"#SBATCH --array=1-{cells}\n");
        script.Append("#SBATCH --ntasks=1\n");
        if (threads > 0 && !HasOption(sbatchOptions, "--cpus-per-task", "-c")) script.Append($"#SBATCH --cpus-per-task={threads}\n");
        script.Append($"#SBATCH --output={ShellWord(Path.Combine(LogFolder, "cell-%a_%A.out"))}\n");
        script.Append("#SBATCH --open-mode=append\n");
        foreach (var option in sbatchOptions) script.Append($"#SBATCH {option}\n");
        script.Append($"""
            #
            # FgCrossNet ablation grid '{grid.Name}' ({grid.Source}): {cells} cells, one array task each.
            # Task k trains and evaluates cell k of {Path.Combine(GridFolder, AblationRunner.GridFile)} into its run folder, resuming it from its
            # last checkpoint when an earlier task was interrupted and doing nothing when it is done, so any task can simply be
            # submitted again, e.g. cells 2 and 4: sbatch --array=2,4 {CellsScript}
            # Written by fgcrossnet ablate --slurm, which also submits {CollectScriptName} to run after the tasks.
            # {(threads > 0 ? $"--cpus-per-task={threads}: the grid's threads (TorchSharp's intra-op threads)." : "The grid's threads is 0 (TorchSharp uses every core it sees): set threads in the grid and --cpus-per-task.")}
            # Cells (task: run folder):

            """);
        foreach (var cell in grid.Cells) script.Append($"#   {cell.Index + 1}: {cell.Name}\n");
        script.Append($$"""
            set -euo pipefail
            : "${SLURM_ARRAY_TASK_ID:?submit this script as a job array: sbatch --array=1-{{cells}} {{CellsScript}}}"
            exec {{command}} ablate --grid {{ShellWord(grid.Source)}} --data {{ShellWord(Path.GetFullPath(dataRoot))}} --out {{ShellWord(GridFolder)}} --skip-existing --shard "${SLURM_ARRAY_TASK_ID}/{{cells}}"

            """);
        AtomicFile.WriteAllText(CellsScript, script.ToString());

        var collect = new StringBuilder("#!/bin/bash\n");
        collect.Append($"#SBATCH --job-name={ShellWord($"fgx-{grid.Name}-collect")}\n");
        collect.Append("#SBATCH --ntasks=1\n");
        collect.Append("#SBATCH --cpus-per-task=1\n");
        collect.Append($"#SBATCH --output={ShellWord(Path.Combine(LogFolder, "collect_%j.out"))}\n");
        foreach (var option in sbatchOptions.Where(o => HasOption([o], [.. PlacementOptions]))) collect.Append($"#SBATCH {option}\n");
        collect.Append($"""
            #
            # Runs after every task of the cells' array job has ended, however it ended (sbatch --dependency=afterany:ARRAY_JOB):
            # checks that every cell of {GridFolder} is done and writes the ablation report there (report.md, .tex, .csv,
            # .json). When cells are not done it lists them and exits 1: resubmit them (fgcrossnet ablate --slurm again, or
            # sbatch --array=... {CellsScript}), then this script.
            set -euo pipefail
            exec {command} ablate --collect --out {ShellWord(GridFolder)}

            """);
        AtomicFile.WriteAllText(CollectScript, collect.ToString());
        if (!OperatingSystem.IsWindows())
            foreach (var file in new[] { CellsScript, CollectScript })
                File.SetUnixFileMode(file, File.GetUnixFileMode(file) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }

    /// <summary>
    /// Refuses, naming it, an sbatch option that is not one argument starting with <c>-</c> (<c>--partition=gpu</c>,
    /// <c>-p gpu</c>), holds a line break, or is one the scripts set themselves (array, output, error, dependency, open-mode).
    /// </summary>
    public static void CheckSbatchOptions(IReadOnlyList<string> options)
    {
        foreach (var option in options)
        {
            if (!option.StartsWith('-') || option.Length < 2)
                throw new InvalidInputException("--sbatch-arg", $"'{option}' is not an sbatch option: give each option with its value as one argument, e.g. --sbatch-arg=--partition=gpu or --sbatch-arg='-p gpu'");
            if (option.Contains('\n') || option.Contains('\r'))
                throw new InvalidInputException("--sbatch-arg", $"'{option.ReplaceLineEndings(" ")}' holds a line break");
            if (HasOption([option], ManagedOptions))
                throw new InvalidInputException("--sbatch-arg", $"'{option}': the scripts set {OptionName(option)} themselves (one task per cell, logs in {FolderName}/{LogFolderName}/, the collect job's dependency)");
        }
    }

    /// <summary>Whether any of <paramref name="options"/> is one of <paramref name="names"/> (<c>--name[=value]</c>, <c>-x[ value]</c>).</summary>
    private static bool HasOption(IReadOnlyList<string> options, params string[] names) => options.Any(o => names.Contains(OptionName(o)));

    private static string OptionName(string option) =>
        option.StartsWith("--", StringComparison.Ordinal) ? option.Split('=', ' ')[0] : option[..Math.Min(2, option.Length)];

    /// <summary>A word for bash: as it is when it holds only safe characters, else single-quoted.</summary>
    private static string ShellWord(string word) =>
        word.Length > 0 && SafeWordPattern().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''") + "'";

    [GeneratedRegex(@"^[A-Za-z0-9_./=:,+%@-]+$")]
    private static partial Regex SafeWordPattern();

    [GeneratedRegex(@"^(\d+)_(\d+)$")]
    private static partial Regex ArrayTaskPattern();
}
