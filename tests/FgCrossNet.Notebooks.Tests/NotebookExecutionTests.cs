using Xunit.Abstractions;

namespace FgCrossNet.Notebooks.Tests;

/// <summary>
/// Every notebook under notebooks/ runs headlessly in the kernel VS Code uses (<see cref="PolyglotKernel"/>) with its
/// tiny default parameters and no cell error: alone, in a workspace of its own (it makes what it misses), and all of
/// them in order in one workspace, where each must pick up what the one before made.
/// </summary>
public class NotebookExecutionTests(ITestOutputHelper output)
{
    /// <summary>One kernel run must stay well inside CI's budget.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The variable the notebooks' <c>NotebookWorkspace.Open</c> reads when their parameter is empty.</summary>
    public const string WorkspaceVariable = "FGX_NOTEBOOK_WORKSPACE";

    /// <summary>The notebooks' file names, in series order.</summary>
    public static string[] NotebookFiles() =>
        [.. Directory.EnumerateFiles(RepositoryPaths.Notebooks, "*.ipynb").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Notebooks() => new(NotebookFiles());

    private NotebookRun RunIn(string workspace, string notebook)
    {
        var run = PolyglotKernel.Run(Path.Combine(RepositoryPaths.Notebooks, notebook), Timeout, new Dictionary<string, string?> { [WorkspaceVariable] = workspace });
        output.WriteLine(run.Report());
        Assert.True(run.Succeeded, run.Report());
        return run;
    }

    /// <summary>Everything the notebook printed (the workspace's "found"/"made" lines among them).</summary>
    private static string Printed(NotebookRun run) => string.Concat(Notebook.Load(run.OutputNotebook).Cells
        .SelectMany(c => c.Outputs).Where(o => (string?)o["output_type"] == "stream").Select(o => (string?)o["text"]));

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_notebook_runs_alone_in_an_empty_workspace_without_a_cell_error(string notebook)
    {
        var workspace = Directory.CreateTempSubdirectory("fgx-notebook-workspace-");
        try
        {
            var run = RunIn(workspace.FullName, notebook);
            Assert.Contains($"workspace: {workspace.FullName}", Printed(run));
            run.DeleteOutput();
        }
        finally
        {
            workspace.Delete(recursive: true);
        }
    }

    /// <summary>02's training cell: its progress is one display updated in place (ending on the run's final line), not a line per step.</summary>
    private static void AssertTrainingShowsOneProgressDisplay(NotebookRun run)
    {
        var cell = Notebook.Load(run.OutputNotebook).Cells.Single(c => c.IsCode && c.Source.Contains("TwoStageTrainer.Start", StringComparison.Ordinal));
        var progress = cell.Outputs.Where(o => (string?)o["output_type"] == "display_data").Select(o => (string?)o["data"]?["text/plain"] ?? "").ToArray();
        var shown = Assert.Single(progress);
        Assert.Matches(@"^training \S+: (\d+)/\1 steps in \d+\.\d s, [\d.,]+ steps/s, loss \d", shown);
        Assert.DoesNotContain(cell.Outputs, o => ((string?)o["text"] ?? "").Contains("steps/s", StringComparison.Ordinal));
    }

    [Fact]
    public void The_series_runs_in_order_in_one_workspace_each_notebook_using_what_the_previous_one_made()
    {
        var workspace = Directory.CreateTempSubdirectory("fgx-notebook-series-");
        try
        {
            var printed = new Dictionary<string, string>();
            foreach (var notebook in NotebookFiles())
            {
                var run = RunIn(workspace.FullName, notebook);
                printed[notebook[..2]] = Printed(run);
                if (notebook.StartsWith("02", StringComparison.Ordinal)) AssertTrainingShowsOneProgressDisplay(run);
                run.DeleteOutput();
            }
            var ws = workspace.FullName;
            Assert.Contains($"data: made a synthetic root with 3 classes in {Path.Combine(ws, "data")}", printed["01"]);
            Assert.Contains($"data: found {Path.Combine(ws, "data")}", printed["02"]);
            Assert.Contains($"run: found {Path.Combine(ws, "runs")}", printed["03"]);
            Assert.Contains($"model: found {Path.Combine(ws, "export", "model.onnx")}", printed["04"]);
            Assert.Contains($"features: found {Path.Combine(ws, "features")}", printed["05"]);
            Assert.Contains($"scores: found {Path.Combine(ws, "evaluation", "scores.json")}", printed["07"]);
            // Only 02 trains: nothing downstream had to make a run of its own.
            Assert.DoesNotContain(printed, p => p.Value.Contains("training a tiny one", StringComparison.Ordinal));
            Assert.Single(Directory.GetDirectories(Path.Combine(ws, "runs")));
            Assert.True(File.Exists(Path.Combine(ws, "figures", "map-bimodal.png")));
        }
        finally
        {
            workspace.Delete(recursive: true);
        }
    }
}
