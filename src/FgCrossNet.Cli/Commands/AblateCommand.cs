using System.CommandLine;
using FgCrossNet.Cli.Progress;
using FgCrossNet.Experiments;
using FgCrossNet.IO;

namespace FgCrossNet.Cli.Commands;

/// <summary>
/// <c>fgcrossnet ablate</c>: runs an ablation grid (or one shard of it) into a grid folder of run folders, each trained
/// and evaluated; then, once every cell is done (or with <c>--collect</c>, after the shards), writes the report.
/// <c>--slurm</c> submits the grid as a Slurm job array plus a collect job instead; <c>--status</c> reads where every
/// cell stands from the folder.
/// </summary>
internal static class AblateCommand
{
    public static Command Create()
    {
        var grid = new Option<FileInfo?>("--grid") { Description = "Grid file (YAML or JSON): name, base, set, vary, seeds. See data-manifests/ablations/." };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Dataset root every cell trains and is evaluated on." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Grid folder (default: runs/ablations/<grid name>)." };
        var skipExisting = new Option<bool>("--skip-existing") { Description = "Skip finished cells and resume interrupted ones (without it, an existing cell is an error)." };
        var shard = new Option<string>("--shard") { Description = "Run only shard k of n (k/n, e.g. $SLURM_ARRAY_TASK_ID/8); merge with --collect.", DefaultValueFactory = _ => "1/1" };
        var collect = new Option<bool>("--collect") { Description = "Train nothing: check that every cell of the grid folder (--out) is done and write the report." };
        var status = new Option<bool>("--status") { Description = "Train nothing: list every cell of the grid folder (--out) as done, running, failed or missing (exit 0 when all are done, else 1)." };
        var slurm = new Option<bool>("--slurm") { Description = "Submit the grid to Slurm: a job array (one task per cell still to do) and a job that then collects the report; scripts and logs in OUT/slurm/." };
        var dryRun = new Option<bool>("--dry-run") { Description = "With --slurm: write and print the scripts and the sbatch commands, submit nothing." };
        var sbatchArg = new Option<string[]>("--sbatch-arg") { Description = "With --slurm: an sbatch option for every cell's task, e.g. --sbatch-arg=--partition=gpu --sbatch-arg=--gres=gpu:1 --sbatch-arg=--time=2-00:00:00 (repeatable).", AllowMultipleArgumentsPerToken = false };

        var command = new Command("ablate", "Run an ablation grid: one training run per cell and seed, each evaluated; then the ablation report.")
        {
            grid, data, output, skipExisting, shard, collect, status, slurm, dryRun, sbatchArg,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var sbatchOptions = parse.GetValue(sbatchArg) ?? [];
            if (!parse.GetValue(slurm) && (parse.GetValue(dryRun) || sbatchOptions.Length > 0))
                throw new ArgumentException("--dry-run and --sbatch-arg go with --slurm");
            if (parse.GetValue(status))
                return Status(parse.GetValue(output)?.FullName ?? throw new ArgumentException("--status needs --out GRID_FOLDER"));
            if (parse.GetValue(collect))
            {
                var folder = parse.GetValue(output)?.FullName ?? throw new ArgumentException("--collect needs --out GRID_FOLDER");
                return Collect(folder);
            }
            var gridFile = parse.GetValue(grid) ?? throw new ArgumentException("--grid is required (or --collect/--status --out GRID_FOLDER)");
            var dataRoot = parse.GetValue(data) ?? throw new ArgumentException("--data is required");
            var ablation = AblationGrid.Load(gridFile.FullName);
            var outFolder = parse.GetValue(output)?.FullName ?? Path.GetFullPath(Path.Combine("runs", "ablations", ablation.Name));
            if (parse.GetValue(slurm))
            {
                if (parse.GetValue(shard) != "1/1" || parse.GetValue(skipExisting))
                    throw new ArgumentException("--slurm makes one task per cell and always resumes: do not give --shard or --skip-existing");
                return SubmitToSlurm(ablation, dataRoot.FullName, outFolder, sbatchOptions, parse.GetValue(dryRun));
            }
            var selected = GridShard.Parse(parse.GetValue(shard)!);
            Console.WriteLine($"grid {ablation.Name}: {ablation.Cells.Count} cells ({ablation.Cells.Count / ablation.Seeds.Count} rows x {ablation.Seeds.Count} seeds), shard {selected}, into {outFolder}");

            var summary = ConsoleProgress.Run(console =>
                AblationRunner.Run(ablation, dataRoot.FullName, outFolder, selected, parse.GetValue(skipExisting), console.Log, console.Progress));
            Console.WriteLine($"shard {selected}: {summary.Trained} trained, {summary.Resumed} resumed, {summary.Skipped} already done, of {summary.Cells} cells");
            if (selected != GridShard.All)
            {
                Console.WriteLine($"when every shard has finished: fgcrossnet ablate --collect --out {outFolder}");
                return 0;
            }
            return Collect(outFolder);
        }));
        return command;
    }

    private static int Collect(string folder)
    {
        var cells = AblationRunner.ReadCellNames(folder) ?? throw new InvalidInputException(folder, $"not a grid folder (no {AblationRunner.GridFile})");
        var missing = cells.Where(c => !RunEvaluation.IsEvaluated(Path.Combine(folder, c))).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"{missing.Count} of {cells.Count} cells are not done: {string.Join(", ", missing)}");
            Console.Error.WriteLine($"where they stand: fgcrossnet ablate --status --out {folder}");
            return 1;
        }
        AblationReportFiles.WriteReport([folder], folder, BootstrapResamples, Console.WriteLine);
        return 0;
    }

    private static int SubmitToSlurm(AblationGrid grid, string dataRoot, string outFolder, IReadOnlyList<string> sbatchOptions, bool dryRun)
    {
        var plan = SlurmGridSubmission.Plan(grid, dataRoot, outFolder, SelfCommand(), sbatchOptions, dryRun);
        var scripts = plan.Scripts;
        Console.WriteLine($"grid {grid.Name}: {grid.Cells.Count} cells ({Counts(plan.Cells)}), into {scripts.GridFolder}");
        foreach (var (number, job) in plan.Queued) Console.WriteLine($"cell {number} is still queued in Slurm as {job}: left out");
        foreach (var note in plan.Notes) Console.WriteLine($"note: {note}");
        Console.WriteLine($"scripts: {scripts.CellsScript} (one array task per cell), {scripts.CollectScript} (the report, after them)");
        if (plan.Tasks.Count == 0)
        {
            Console.WriteLine(plan.Cells.All(c => c.State == CellState.Done)
                ? $"every cell is done: nothing to submit (report: fgcrossnet ablate --collect --out {scripts.GridFolder})"
                : $"nothing to submit: the cells not done are running or queued (fgcrossnet ablate --status --out {scripts.GridFolder})");
            return 0;
        }
        if (dryRun)
        {
            Console.WriteLine("dry run, nothing submitted; ablate --slurm would run:");
            Console.WriteLine($"  {SlurmCommands.SubmitCommand(scripts.CellsScript, plan.ArrayOptions)}");
            Console.WriteLine($"  {SlurmCommands.SubmitCommand(scripts.CollectScript, SlurmGridPlan.CollectOptions("<array job id>"))}");
            foreach (var script in new[] { scripts.CellsScript, scripts.CollectScript })
            {
                Console.WriteLine($"----- {script}");
                Console.Write(File.ReadAllText(script));
            }
            return 0;
        }
        var jobs = SlurmGridSubmission.Submit(plan);
        Console.WriteLine($"submitted array job {jobs.ArrayJob}: tasks {plan.ArraySpec} (task k = cell k), logs {scripts.CellLog(jobs.ArrayJob, plan.Tasks[0])}, ...");
        Console.WriteLine($"submitted collect job {jobs.CollectJob}: runs when every task of {jobs.ArrayJob} has ended and writes the report into {scripts.GridFolder}, log {scripts.CollectLog(jobs.CollectJob)}");
        Console.WriteLine($"watch: fgcrossnet ablate --status --out {scripts.GridFolder}   (queue: squeue -j {jobs.ArrayJob},{jobs.CollectJob})");
        return 0;
    }

    private static int Status(string folder)
    {
        var now = DateTimeOffset.UtcNow;
        var cells = GridStatus.Read(folder, now);
        var scripts = new SlurmGridScripts(folder);
        Console.WriteLine($"{Path.GetFullPath(folder)}: {cells.Count} cells: {Counts(cells)}");
        int width = cells.Max(c => c.Name.Length);
        foreach (var cell in cells)
        {
            var detail = Detail(cell, scripts, now);
            Console.WriteLine($"{cell.Number,4}  {cell.State.ToString().ToLowerInvariant(),-7}  {cell.Name.PadRight(width)}{(detail.Length > 0 ? "  " + detail : "")}".TrimEnd());
        }
        var toDo = cells.Where(c => c.State is CellState.Failed or CellState.Missing).Select(c => c.Number).ToList();
        if (toDo.Count > 0)
            Console.WriteLine(File.Exists(scripts.CellsScript)
                ? $"failed and missing cells (missing ones may still wait in Slurm's queue): the same ablate --slurm command submits those Slurm no longer holds; by hand: sbatch --array={SlurmArrayRange.Format(toDo)} {scripts.CellsScript}"
                : "failed and missing cells: the same ablate command with --skip-existing runs them");
        return cells.All(c => c.State == CellState.Done) ? 0 : 1;
    }

    private static string Counts(IReadOnlyList<CellStatus> cells) =>
        string.Join(", ", Enum.GetValues<CellState>().Select(s => $"{cells.Count(c => c.State == s)} {s.ToString().ToLowerInvariant()}"));

    private static string Detail(CellStatus cell, SlurmGridScripts scripts, DateTimeOffset now)
    {
        var parts = new List<string>();
        if (cell.Progress is { } progress && cell.State != CellState.Done) parts.Add($"after {progress}");
        if (cell.State is CellState.Running or CellState.Failed && cell.Heartbeat is { } beat)
        {
            var who = $"{beat.Host} pid {beat.Pid}{(beat.SlurmJob is { } job ? $", Slurm job {job}" : "")}";
            var ago = Ago(now - beat.Updated);
            parts.Add(cell.State == CellState.Running ? $"{who}, heartbeat {ago} ago"
                : beat.Error is { } error ? $"error on {who}: {error}"
                : $"last heartbeat {ago} ago from {who}");
            if (scripts.LogOf(beat.SlurmJob) is { } log) parts.Add($"log {log}");
        }
        return string.Join("; ", parts);
    }

    private static string Ago(TimeSpan span) =>
        span < TimeSpan.FromMinutes(2) ? $"{Math.Max(0, (int)span.TotalSeconds)} s"
        : span < TimeSpan.FromHours(2) ? $"{(int)span.TotalMinutes} min"
        : $"{span.TotalHours:F0} h";

    /// <summary>The command that runs this program, for the batch scripts: its executable, or <c>dotnet</c> and its assembly.</summary>
    private static IReadOnlyList<string> SelfCommand()
    {
        var exe = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this program is unknown");
        return Path.GetFileNameWithoutExtension(exe) == "dotnet" ? [exe, typeof(AblateCommand).Assembly.Location] : [exe];
    }

    private const int BootstrapResamples = 1000;
}
