using System.Diagnostics;
using System.Text.Json.Nodes;
using FgCrossNet.Experiments;
using FgCrossNet.Pipeline.Tests.Training;
using FgCrossNet.Training;
using TorchSharp;

namespace FgCrossNet.Pipeline.Tests.Experiments;

[Collection(TrainingCollection.Name)]
public class AblationRunnerTests(TinyTrainingRoot data)
{
    private const string TinyGrid = """
        name: tiny
        base: tiny
        set: [stage0.epochs=0, optimizer.lr=0.002, evaluation.map_every_epochs=0, threads=1]
        vary:
          stage2.ranking_weight: [0.1, 0]
        seeds: [0, 1]
        """;

    [Fact]
    public void A_cell_that_differs_only_in_the_retrieval_feature_reuses_the_training_and_is_evaluated_with_its_own_feature()
    {
        var folder = data.NewRunsFolder();
        var gridFile = Path.Combine(folder, "features.yaml");
        File.WriteAllText(gridFile, TinyGrid.Replace("stage2.ranking_weight: [0.1, 0]", "evaluation.retrieval_feature: [softmax, embedding]").Replace("seeds: [0, 1]", "seeds: [0]"));
        var grid = AblationGrid.Load(gridFile);
        var log = new List<string>();
        var summary = AblationRunner.Run(grid, data.Root, Path.Combine(folder, "out"), GridShard.All, skipExisting: false, log.Add);

        Assert.Equal(2, summary.Cells);
        Assert.Contains(log, l => l.Contains("reusing its training", StringComparison.Ordinal));
        var (softmax, embedding) = (Path.Combine(folder, "out", grid.Cells[0].Name), Path.Combine(folder, "out", grid.Cells[1].Name));
        Assert.Equal(File.ReadAllBytes(Path.Combine(softmax, RunFolder.CheckpointFolder, TrainingCheckpoints.FinalTorchSharpFile)),
            File.ReadAllBytes(Path.Combine(embedding, RunFolder.CheckpointFolder, TrainingCheckpoints.FinalTorchSharpFile)));
        Assert.Equal("embedding", RetrievalFeatureOf(embedding));
        // The features differ in kind: C = 3 softmax scores against the 512 pooled features of ResNet-18.
        Assert.Equal(3, FgCrossNet.IO.NpyFile.Read(Path.Combine(softmax, "eval", "features", "image", "features_te.npy")).Dimension);
        Assert.Equal(512, FgCrossNet.IO.NpyFile.Read(Path.Combine(embedding, "eval", "features", "image", "features_te.npy")).Dimension);
        Assert.True(RunEvaluation.IsEvaluated(embedding));
    }

    private static string RetrievalFeatureOf(string runFolder) =>
        (string)JsonNode.Parse(File.ReadAllText(Path.Combine(runFolder, RunFolder.ConfigFile)))!["evaluation"]!["retrieval_feature"]!;

    [Fact]
    public void A_grid_killed_mid_run_resumes_with_skip_existing_and_reports_as_an_uninterrupted_one()
    {
        var folder = data.NewRunsFolder();
        var gridFile = Path.Combine(folder, "tiny.yaml");
        File.WriteAllText(gridFile, TinyGrid);
        var grid = AblationGrid.Load(gridFile);
        Assert.Equal(4, grid.Cells.Count);

        var straight = Path.Combine(folder, "straight");
        var done = CliProcess.Run("ablate", "--grid", gridFile, "--data", data.Root, "--out", straight);
        Assert.True(done.ExitCode == 0, done.StdErr);
        Assert.True(File.Exists(Path.Combine(straight, AblationReportFiles.MarkdownFile)));
        // Not a terminal: plain progress lines, the final one of the grid, of every cell's training and evaluation.
        Assert.Matches(@"(?m)^grid \S+: 4/4 cells in \S+ s, [\d.]+ cells/s$", done.StdOut);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(done.StdOut, @"(?m)^training \S+: (\d+)/\1 steps in ").Count);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(done.StdOut, @"(?m)^evaluating \S+: (\d+)/\1 items in ").Count);
        Assert.DoesNotContain('\u001b', done.StdOut);

        // Killed (SIGKILL) while the second cell trains: after its first epoch's checkpoint, before it finishes.
        var killed = Path.Combine(folder, "killed");
        var secondCell = Path.Combine(killed, grid.Cells[1].Name);
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "fgcrossnet"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "ablate", "--grid", gridFile, "--data", data.Root, "--out", killed }) start.ArgumentList.Add(a);
        using (var process = Process.Start(start)!)
        {
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var clock = Stopwatch.StartNew();
            while (!File.Exists(Path.Combine(secondCell, RunFolder.CheckpointFolder, TrainingCheckpoints.LastStateFile)) && !process.HasExited
                   && clock.Elapsed < TimeSpan.FromMinutes(4))
                Thread.Sleep(20);
            Assert.False(process.HasExited, "the grid finished before it could be killed");
            process.Kill();
            process.WaitForExit();
        }
        Assert.True(RunEvaluation.IsEvaluated(Path.Combine(killed, grid.Cells[0].Name)));
        Assert.False(RunEvaluation.IsEvaluated(secondCell));

        // Without --skip-existing the started cells are refused, by name; with it the grid continues.
        var refused = CliProcess.Run("ablate", "--grid", gridFile, "--data", data.Root, "--out", killed);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(grid.Cells[0].Name, refused.StdErr);
        var resumed = CliProcess.Run("ablate", "--grid", gridFile, "--data", data.Root, "--out", killed, "--skip-existing");
        Assert.True(resumed.ExitCode == 0, resumed.StdErr);
        Assert.Contains("2 trained, 1 resumed, 1 already done, of 4 cells", resumed.StdOut);

        foreach (var cell in grid.Cells)
        {
            var a = TwoStageTrainerTests.FinalWeights(Path.Combine(straight, cell.Name));
            var b = TwoStageTrainerTests.FinalWeights(Path.Combine(killed, cell.Name));
            foreach (var (key, tensor) in a)
                using (var same = tensor.eq(b[key]).all())
                    Assert.True(same.ToBoolean(), $"{cell.Name}: {key} differs");
        }
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(straight, AblationReportFiles.JsonFile)))!["rows"]!.AsArray();
        var actual = JsonNode.Parse(File.ReadAllText(Path.Combine(killed, AblationReportFiles.JsonFile)))!["rows"]!.AsArray();
        Assert.Equal(2, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal((string)expected[i]!["label"]!, (string)actual[i]!["label"]!);
            Assert.True(JsonNode.DeepEquals(expected[i]!["scores"], actual[i]!["scores"]), $"row {i}'s scores differ");
        }
        Assert.Equal("stage2.ranking_weight=0.1", (string)actual[0]!["label"]!);
        Assert.True((bool)actual[0]!["is_base"]!);
    }

    [Fact]
    public void Shards_run_disjoint_cells_and_collect_reports_missing_ones_until_all_are_done()
    {
        var folder = data.NewRunsFolder();
        var gridFile = Path.Combine(folder, "tiny.yaml");
        File.WriteAllText(gridFile, TinyGrid.Replace("seeds: [0, 1]", "seeds: [0]"));
        var grid = AblationGrid.Load(gridFile);
        var output = Path.Combine(folder, "grid");

        var first = AblationRunner.Run(grid, data.Root, output, GridShard.Parse("1/2"), skipExisting: false);
        Assert.Equal((1, 1), (first.Trained, first.Cells));
        Assert.True(RunEvaluation.IsEvaluated(Path.Combine(output, grid.Cells[0].Name)));
        Assert.False(Directory.Exists(Path.Combine(output, grid.Cells[1].Name)));

        var early = CliProcess.Run("ablate", "--collect", "--out", output);
        Assert.Equal(1, early.ExitCode);
        Assert.Contains(grid.Cells[1].Name, early.StdErr);

        AblationRunner.Run(grid, data.Root, output, GridShard.Parse("2/2"), skipExisting: false);
        var collected = CliProcess.Run("ablate", "--collect", "--out", output);
        Assert.True(collected.ExitCode == 0, collected.StdErr);
        foreach (var file in new[] { AblationReportFiles.MarkdownFile, AblationReportFiles.LatexFile, AblationReportFiles.CsvFile, AblationReportFiles.JsonFile })
            Assert.True(File.Exists(Path.Combine(output, file)), $"missing {file}");
        Assert.Equal(1 + 2 * EvaluatedRun.ScoreKeys.Count, File.ReadAllLines(Path.Combine(output, AblationReportFiles.CsvFile)).Length);

        // The same folder with a changed grid is refused before any training.
        File.WriteAllText(gridFile, TinyGrid.Replace("seeds: [0, 1]", "seeds: [5]"));
        var changed = CliProcess.Run("ablate", "--grid", gridFile, "--data", data.Root, "--out", output, "--skip-existing");
        Assert.Equal(2, changed.ExitCode);
        Assert.Contains(AblationRunner.GridFile, changed.StdErr);
    }

    [Fact]
    public void A_bad_key_in_any_cell_is_refused_before_anything_runs_naming_the_grid_and_the_key()
    {
        var folder = data.NewRunsFolder();
        var gridFile = Path.Combine(folder, "bad.yaml");
        File.WriteAllText(gridFile, TinyGrid.Replace("stage2.ranking_weight: [0.1, 0]", "stage2.ranking_weight: [0.1, -1]"));
        var output = Path.Combine(folder, "out");
        var result = CliProcess.Run("ablate", "--grid", gridFile, "--data", data.Root, "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.yaml", result.StdErr);
        Assert.Contains("stage2.ranking_weight", result.StdErr);
        Assert.False(Directory.Exists(output));
    }
}
