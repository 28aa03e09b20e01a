using System.Text.Json.Nodes;
using FgCrossNet.IO;
using FgCrossNet.Training;

namespace FgCrossNet.Experiments;

/// <summary>What <see cref="AblationRunner.Run"/> did with each cell of its shard.</summary>
public sealed record AblationRunSummary(int Trained, int Resumed, int Skipped, int Cells, string GridFolder);

/// <summary>
/// Runs the cells of an <see cref="AblationGrid"/> (or one shard of them) into <c>OUT/&lt;cell name&gt;/</c>, each a
/// training run folder evaluated by <see cref="RunEvaluation"/> (complete = <c>eval/scores.json</c> exists).
/// <c>OUT/grid.json</c> records the grid (its cells and their overrides); a later call on the same folder must bring
/// the same grid. Without <c>skipExisting</c> a cell folder that already holds a run is an error; with it, complete
/// cells are skipped and interrupted ones resumed (training from its last checkpoint, then evaluation), so an
/// interrupted grid ends exactly as an uninterrupted one. Two processes on one cell: the second is refused (the run
/// folder's lock).
/// </summary>
public static class AblationRunner
{
    public const string GridFile = "grid.json";

    public static AblationRunSummary Run(AblationGrid grid, string dataRoot, string outFolder, GridShard shard, bool skipExisting,
        Action<string>? log = null, Func<AblationCell, TrainingOptions>? trainingOptions = null)
    {
        log ??= _ => { };
        outFolder = Path.GetFullPath(outFolder);
        Directory.CreateDirectory(outFolder);
        WriteOrCheckGridFile(grid, outFolder);
        int trained = 0, resumed = 0, skipped = 0, cells = 0;
        foreach (var cell in grid.Cells.Where(shard.Contains))
        {
            cells++;
            var folder = Path.Combine(outFolder, cell.Name);
            var config = grid.ConfigOf(cell);
            var options = trainingOptions?.Invoke(cell) ?? new TrainingOptions { Log = log };
            bool started = File.Exists(Path.Combine(folder, RunFolder.ConfigFile));
            if (started && !skipExisting)
                throw new InvalidInputException(folder, "the cell already holds a run: pass --skip-existing to skip finished cells and resume interrupted ones");
            if (RunEvaluation.IsEvaluated(folder))
            {
                log($"[{cells}] {cell.Name}: done, skipped");
                skipped++;
                continue;
            }
            TrainingResult result;
            if (started)
            {
                CheckSameConfig(folder, config, cell);
                log($"[{cells}] {cell.Name}: resuming");
                result = TwoStageTrainer.Resume(folder, dataRoot, options);
                resumed++;
            }
            else
            {
                log($"[{cells}] {cell.Name}: training");
                result = TwoStageTrainer.StartIn(config, dataRoot, folder, options);
                trained++;
            }
            if (!result.Completed)
            {
                log($"[{cells}] {cell.Name}: stopped before the end; run again with --skip-existing to continue");
                return new AblationRunSummary(trained, resumed, skipped, cells, outFolder);
            }
            RunEvaluation.Evaluate(folder, dataRoot, log);
        }
        return new AblationRunSummary(trained, resumed, skipped, cells, outFolder);
    }

    /// <summary>The cell names recorded in <c>folder/grid.json</c>, in grid order; null when the folder is not a grid folder.</summary>
    public static IReadOnlyList<string>? ReadCellNames(string folder)
    {
        var path = Path.Combine(folder, GridFile);
        if (!File.Exists(path)) return null;
        try
        {
            var cells = JsonNode.Parse(File.ReadAllText(path))?["cells"] as JsonArray ?? [];
            return cells.Select(c => (string?)c?["name"] ?? throw new InvalidInputException(path, "a cell without a name")).ToList();
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidInputException(path, $"not a grid file: {e.Message}");
        }
    }

    /// <summary>The grid as recorded: name, base, and every cell's name, row and overrides.</summary>
    public static JsonObject Describe(AblationGrid grid) => new()
    {
        ["name"] = grid.Name,
        ["base"] = grid.BaseConfig,
        ["base_row"] = grid.BaseRow,
        ["cells"] = new JsonArray(grid.Cells.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["row"] = c.Row,
            ["label"] = c.Label,
            ["seed"] = c.Seed,
            ["overrides"] = new JsonArray(c.Overrides.Select(o => (JsonNode?)o).ToArray()),
        }).ToArray()),
    };

    private static void WriteOrCheckGridFile(AblationGrid grid, string outFolder)
    {
        var path = Path.Combine(outFolder, GridFile);
        var description = Describe(grid);
        if (File.Exists(path))
        {
            var existing = JsonNode.Parse(File.ReadAllText(path));
            if (!JsonNode.DeepEquals(existing?["cells"], description["cells"]))
                throw new InvalidInputException(path, $"this folder holds another grid's cells than {grid.Source} describes: use another --out folder");
            return;
        }
        AtomicFile.WriteAllText(path, description.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static void CheckSameConfig(string folder, ExperimentConfig config, AblationCell cell)
    {
        // The recorded data root is where the cell trained, not part of what the grid asks for.
        var saved = ExperimentConfigLoader.Load(Path.Combine(folder, RunFolder.ConfigFile));
        if (ExperimentConfigLoader.ToJson(saved with { Data = saved.Data with { Root = config.Data.Root } }) != ExperimentConfigLoader.ToJson(config))
            throw new InvalidInputException(Path.Combine(folder, RunFolder.ConfigFile), $"cell {cell.Name} was started with another config than the grid now gives");
    }
}
