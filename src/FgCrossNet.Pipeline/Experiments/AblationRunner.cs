using System.Text.Json.Nodes;
using FgCrossNet.IO;
using FgCrossNet.Progress;
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
/// folder's lock). While a process works on a cell its <see cref="CellHeartbeat"/> is in the cell folder, so
/// <see cref="GridStatus"/> can tell running cells from failed ones. A cell whose config differs from a finished
/// cell's only in <c>evaluation.retrieval_feature</c> (which does not change training) is not trained again: it gets a
/// copy of that cell's final model and log, and is evaluated with its own setting.
/// </summary>
public static class AblationRunner
{
    public const string GridFile = "grid.json";

    /// <summary>
    /// Runs the cells of <paramref name="shard"/>. <paramref name="progress"/> receives the task <c>grid &lt;name&gt;</c>
    /// (cells of the shard done) and each cell's training (<see cref="TrainingOptions.Progress"/>) and evaluation
    /// (<c>evaluating &lt;cell&gt;</c>).
    /// </summary>
    public static AblationRunSummary Run(AblationGrid grid, string dataRoot, string outFolder, GridShard shard, bool skipExisting,
        Action<string>? log = null, Action<ProgressReport>? progress = null)
    {
        log ??= _ => { };
        outFolder = Path.GetFullPath(outFolder);
        PrepareFolder(grid, outFolder);
        var selected = grid.Cells.Where(shard.Contains).ToList();
        var gridProgress = ProgressMeter.Start(progress, $"grid {grid.Name}", selected.Count, "cells");
        var options = new TrainingOptions { Log = log, Progress = progress };
        int trained = 0, resumed = 0, skipped = 0, cells = 0;
        // False when the cell's training stopped before its end.
        bool RunCell(AblationCell cell)
        {
            var folder = Path.Combine(outFolder, cell.Name);
            var config = grid.ConfigOf(cell);
            bool started = File.Exists(Path.Combine(folder, RunFolder.ConfigFile));
            if (started && !skipExisting)
                throw new InvalidInputException(folder, "the cell already holds a run: pass --skip-existing to skip finished cells and resume interrupted ones");
            if (RunEvaluation.IsEvaluated(folder))
            {
                log($"[{cells}] {cell.Name}: done, skipped");
                skipped++;
                return true;
            }
            using var heartbeat = CellHeartbeatWriter.Start(folder);
            try
            {
                if (!started && FinishedTrainingTwin(grid, cell, config, outFolder) is { } twin)
                {
                    log($"[{cells}] {cell.Name}: differs from {Path.GetFileName(twin)} only in evaluation.retrieval_feature; reusing its training");
                    RunFolder.CopyTrainingOf(twin, folder, config);
                    trained++;
                    RunEvaluation.Evaluate(folder, dataRoot, log, progress);
                    return true;
                }
                if (started && File.Exists(Path.Combine(folder, RunFolder.SummaryFile)))
                {
                    CheckSameConfig(folder, config, cell);
                    log($"[{cells}] {cell.Name}: trained, evaluating");
                    RunEvaluation.Evaluate(folder, dataRoot, log, progress);
                    resumed++;
                    return true;
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
                    return false;
                }
                RunEvaluation.Evaluate(folder, dataRoot, log, progress);
                return true;
            }
            catch (Exception e)
            {
                heartbeat.Fail(e.Message);
                throw;
            }
        }

        foreach (var cell in selected)
        {
            cells++;
            if (!RunCell(cell)) break;
            gridProgress.Advance();
        }
        gridProgress.Finish();
        return new AblationRunSummary(trained, resumed, skipped, cells, outFolder);
    }

    /// <summary>The folder of a finished cell of the grid whose training is the same as <paramref name="cell"/>'s, if any.</summary>
    private static string? FinishedTrainingTwin(AblationGrid grid, AblationCell cell, ExperimentConfig config, string outFolder)
    {
        static string TrainingOnly(ExperimentConfig c) =>
            ExperimentConfigLoader.ToJson(c with { Evaluation = c.Evaluation with { RetrievalFeature = default } });
        var key = TrainingOnly(config);
        return grid.Cells.Where(other => other.Index != cell.Index)
            .Select(other => (Cell: other, Folder: Path.Combine(outFolder, other.Name)))
            .Where(o => File.Exists(Path.Combine(o.Folder, RunFolder.SummaryFile)) && TrainingOnly(grid.ConfigOf(o.Cell)) == key)
            .Select(o => o.Folder).FirstOrDefault();
    }

    /// <summary>The cell names recorded in <c>folder/grid.json</c>, in grid order; null when the folder is not a grid folder.</summary>
    public static IReadOnlyList<string>? ReadCellNames(string folder) => ReadCells(folder)?.Select(c => c.Name).ToList();

    /// <summary>The cells (name and row label) recorded in <c>folder/grid.json</c>, in grid order; null when the folder is not a grid folder.</summary>
    public static IReadOnlyList<(string Name, string Label)>? ReadCells(string folder)
    {
        var path = Path.Combine(folder, GridFile);
        if (!File.Exists(path)) return null;
        try
        {
            var cells = JsonNode.Parse(File.ReadAllText(path))?["cells"] as JsonArray ?? [];
            return cells.Select(c => ((string?)c?["name"] ?? throw new InvalidInputException(path, "a cell without a name"), (string?)c?["label"] ?? "")).ToList();
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

    /// <summary>
    /// Creates the grid folder and writes <c>grid.json</c>, or checks that the one there records the same cells
    /// (refused otherwise, before anything runs).
    /// </summary>
    public static void PrepareFolder(AblationGrid grid, string outFolder)
    {
        Directory.CreateDirectory(outFolder);
        var path = Path.Combine(outFolder, GridFile);
        var description = Describe(grid);
        if (File.Exists(path))
        {
            var existing = JsonNode.Parse(File.ReadAllText(path));
            if (!JsonNode.DeepEquals(existing?["cells"], description["cells"]))
                throw new InvalidInputException(path, $"this folder holds another grid's cells than {grid.Source} describes: use another --out folder");
            return;
        }
        JsonFileNode.Write(path, description);
    }

    private static void CheckSameConfig(string folder, ExperimentConfig config, AblationCell cell)
    {
        // The recorded data root is where the cell trained, not part of what the grid asks for.
        var saved = ExperimentConfigLoader.Load(Path.Combine(folder, RunFolder.ConfigFile));
        if (ExperimentConfigLoader.ToJson(saved with { Data = saved.Data with { Root = config.Data.Root } }) != ExperimentConfigLoader.ToJson(config))
            throw new InvalidInputException(Path.Combine(folder, RunFolder.ConfigFile), $"cell {cell.Name} was started with another config than the grid now gives");
    }
}
