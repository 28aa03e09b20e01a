using System.Globalization;
using System.Text.Json.Nodes;
using FgCrossNet.IO;

namespace FgCrossNet.Experiments;

/// <summary>
/// What <c>ablate --slurm</c> submits for a grid folder: the array tasks (cell numbers) of the cells that are neither
/// done, nor running (a live heartbeat), nor still held by Slurm from an earlier submission of this folder
/// (<see cref="Queued"/>: cell number → job, from <c>squeue</c>), with the scripts already written.
/// </summary>
public sealed record SlurmGridPlan(SlurmGridScripts Scripts, IReadOnlyList<CellStatus> Cells, IReadOnlyList<int> Tasks,
    IReadOnlyDictionary<int, string> Queued, IReadOnlyList<string> Notes)
{
    /// <summary>The <c>--array</c> value of the tasks (e.g. <c>1-4</c> or <c>2,4</c>); null when there is nothing to submit.</summary>
    public string? ArraySpec => Tasks.Count == 0 ? null : SlurmArrayRange.Format(Tasks);

    public IReadOnlyList<string> ArrayOptions => [$"--array={ArraySpec}"];

    public static IReadOnlyList<string> CollectOptions(string arrayJob) => [$"--dependency=afterany:{arrayJob}"];
}

/// <summary>The jobs one <c>ablate --slurm</c> submitted: the cells' array job and the collect job that runs after it.</summary>
public sealed record SlurmGridJobs(string ArrayJob, string CollectJob);

/// <summary>
/// Plans and submits a grid to Slurm (<see cref="SlurmGridScripts"/>): the grid folder is prepared (<c>grid.json</c>
/// written or checked), the scripts written, then the array job of the cells to run and a collect job depending on it
/// (<c>afterany</c>: it runs however the tasks end, and fails listing the cells not done). Every submission is
/// appended to <c>OUT/slurm/submissions.jsonl</c>, which is how a later submission knows which queued jobs are this
/// folder's. Submitting again after failures, preemptions or time-outs runs exactly the cells still to do.
/// </summary>
public static class SlurmGridSubmission
{
    public const string SubmissionsFileName = "submissions.jsonl";

    /// <summary>GPU requests among sbatch options (used to warn when a grid trains on CUDA without one).</summary>
    private static readonly string[] GpuOptions = ["--gres", "--gpus", "-G", "--gpus-per-node", "--gpus-per-task", "--gpus-per-socket"];

    /// <summary>
    /// Prepares the grid folder, reads the cells' states, asks <c>squeue</c> which tasks of this folder's earlier
    /// submissions Slurm still holds (in a dry run a failing <c>squeue</c> only adds a note), writes the scripts
    /// (<paramref name="fgcrossnet"/>: the command that runs this program) and returns what to submit.
    /// </summary>
    public static SlurmGridPlan Plan(AblationGrid grid, string dataRoot, string gridFolder, IReadOnlyList<string> fgcrossnet,
        IReadOnlyList<string> sbatchOptions, bool dryRun)
    {
        SlurmGridScripts.CheckSbatchOptions(sbatchOptions);
        if (!Directory.Exists(dataRoot)) throw new InvalidInputException(dataRoot, "dataset root not found (every task would fail on it)");
        var folder = Path.GetFullPath(gridFolder);
        AblationRunner.PrepareFolder(grid, folder);
        var scripts = new SlurmGridScripts(folder);
        var notes = new List<string>();
        var cells = GridStatus.Read(folder);

        var queued = new Dictionary<int, string>();
        var earlier = EarlierArrayJobs(scripts);
        if (earlier.Count > 0)
        {
            try
            {
                foreach (var (job, task) in SlurmCommands.QueuedArrayTasks().Where(t => earlier.Contains(t.ArrayJob)))
                    queued.TryAdd(task, $"{job}_{task}");
            }
            catch (InvalidInputException e) when (dryRun)
            {
                notes.Add($"could not ask Slurm which cells are still queued ({e.Message}): a real submission leaves those out");
            }
        }
        var tasks = cells.Where(c => c.State is CellState.Failed or CellState.Missing && !queued.ContainsKey(c.Number)).Select(c => c.Number).ToList();

        if (grid.Cells.Any(c => grid.ConfigOf(c).Device.StartsWith("cuda", StringComparison.OrdinalIgnoreCase))
            && !sbatchOptions.Any(o => GpuOptions.Any(g => o == g || o.StartsWith(g + "=", StringComparison.Ordinal) || o.StartsWith(g + " ", StringComparison.Ordinal))))
            notes.Add("the grid trains on CUDA but no sbatch option asks for a GPU: add e.g. --sbatch-arg=--gres=gpu:1 (or --gpus=1)");

        scripts.Write(grid, dataRoot, fgcrossnet, sbatchOptions);
        return new SlurmGridPlan(scripts, cells, tasks, queued, notes);
    }

    /// <summary>Submits the plan's array job and then the collect job depending on it, and records both.</summary>
    public static SlurmGridJobs Submit(SlurmGridPlan plan)
    {
        if (plan.Tasks.Count == 0) throw new InvalidOperationException("nothing to submit");
        var arrayJob = SlurmCommands.Submit(plan.Scripts.CellsScript, plan.ArrayOptions);
        string collectJob;
        try
        {
            collectJob = SlurmCommands.Submit(plan.Scripts.CollectScript, SlurmGridPlan.CollectOptions(arrayJob));
        }
        catch (InvalidInputException e)
        {
            Record(plan, arrayJob, null);
            throw new InvalidInputException(e.Path, $"{e.Problem} (array job {arrayJob} was submitted; submit the report job by hand: {SlurmCommands.SubmitCommand(plan.Scripts.CollectScript, SlurmGridPlan.CollectOptions(arrayJob))})");
        }
        Record(plan, arrayJob, collectJob);
        return new SlurmGridJobs(arrayJob, collectJob);
    }

    private static void Record(SlurmGridPlan plan, string arrayJob, string? collectJob)
    {
        var line = new JsonObject
        {
            ["submitted_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["array_job"] = arrayJob,
            ["array"] = plan.ArraySpec,
            ["collect_job"] = collectJob,
        }.ToJsonString() + "\n";
        File.AppendAllText(Path.Combine(plan.Scripts.Folder, SubmissionsFileName), line);
    }

    private static HashSet<string> EarlierArrayJobs(SlurmGridScripts scripts)
    {
        var file = Path.Combine(scripts.Folder, SubmissionsFileName);
        var jobs = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(file)) return jobs;
        foreach (var line in File.ReadLines(file))
        {
            try
            {
                if (JsonNode.Parse(line)?["array_job"]?.GetValue<string>() is { } job) jobs.Add(job);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
            {
                // A torn last line (a submission killed while recording): its job is not known.
            }
        }
        return jobs;
    }
}
