namespace FgCrossNet.Notebooks.Tests;

/// <summary>
/// Plotly.NET charts in a real kernel: with <c>LoadedAssemblyResolver.Install()</c> a chart renders as HTML; without it,
/// the kernel's FSharp.Core 10.0 cannot serve Plotly.NET 6 (built against 10.1). The second test documents why the call
/// is needed: if a future kernel bundles FSharp.Core 10.1, it fails, and the workaround can go.
/// </summary>
public class KernelChartTests
{
    private static readonly string Library = Path.Combine(RepositoryPaths.Root, "src", "FgCrossNet.Cli", "bin", "Release", "net10.0", "linux-x64", "FgCrossNet.Pipeline.dll");

    private const string ChartCell =
        "var chart = FgCrossNet.Figures.MapBarChart.Create(FgCrossNet.Evaluation.PublishedMap.For(FgCrossNet.Core.Retrieval.PaperRetrievalProtocol.MultimodalTasks));\nchart";

    private static NotebookRun RunChartNotebook(bool install)
    {
        var folder = Directory.CreateTempSubdirectory("fgx-kernel-chart-");
        var path = Path.Combine(folder.FullName, install ? "97-chart.ipynb" : "96-chart-without-install.ipynb");
        TestNotebook.Write(path,
            TestNotebook.Code($"#r \"{Library}\"" + (install ? "\nFgCrossNet.Figures.LoadedAssemblyResolver.Install();" : "")),
            TestNotebook.Code("#r \"nuget: Plotly.NET.Interactive, 6.0.0\""),
            TestNotebook.Code(ChartCell));
        try
        {
            return DotnetRepl.Run(path, NotebookExecutionTests.Timeout);
        }
        finally
        {
            // The executed copy lives elsewhere (run.OutputNotebook); the source is no longer needed.
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void After_install_a_chart_renders_as_plotly_html()
    {
        Assert.True(File.Exists(Library), $"build the library first: {Library}");
        var run = RunChartNotebook(install: true);
        Assert.True(run.Succeeded, run.Report());
        var chartCell = Notebook.Load(run.OutputNotebook).Cells[2];
        var html = chartCell.Outputs.Select(o => o["data"]?["text/html"]).Where(h => h is not null)
            .Select(h => h is System.Text.Json.Nodes.JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)h ?? "").ToArray();
        Assert.Contains(html, h => h.Contains("renderPlotly", StringComparison.Ordinal) && h.Contains("I->All", StringComparison.Ordinal));
        run.DeleteOutput();
    }

    [Fact]
    public void Without_install_the_chart_fails_on_FSharp_Core()
    {
        var run = RunChartNotebook(install: false);
        Assert.False(run.Succeeded, "the chart rendered without LoadedAssemblyResolver.Install(): the kernel no longer needs it (see its docs)");
        Assert.Contains(run.Errors, e => e.Error.Contains("FSharp.Core", StringComparison.Ordinal));
        run.DeleteOutput();
    }
}
