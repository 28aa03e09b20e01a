using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace FgCrossNet.Notebooks.Tests;

/// <summary>
/// Plotly.NET charts in the kernel VS Code uses. With <c>NotebookChartDisplay.Install()</c> (the notebooks' second cell) a
/// chart cell's saved output draws with no network and stays small; Plotly.NET.Interactive's own output, which loads
/// plotly.js from a CDN, draws nothing offline (the reason for the formatter, and proof that the offline check can fail);
/// and without the install the kernel's FSharp.Core 10.0 cannot serve Plotly.NET 6 (built against 10.1): if a future
/// kernel bundles FSharp.Core 10.1, that test fails and <c>LoadedAssemblyResolver</c> can go.
/// </summary>
public class KernelChartTests
{
    private static readonly string Library = Path.Combine(RepositoryPaths.Root, "src", "FgCrossNet.Cli", "bin", "Release", "net10.0", "linux-x64", "FgCrossNet.Pipeline.dll");

    /// <summary>The four published X->All scores as bars: four bars must be drawn.</summary>
    private const string ChartCell =
        "FgCrossNet.Figures.MapBarChart.Create(FgCrossNet.Evaluation.PublishedMap.For(FgCrossNet.Core.Retrieval.PaperRetrievalProtocol.MultimodalTasks))";

    /// <summary>A chart output that carried plotly.js itself (3.6 MB) would be far above this.</summary>
    private const int MaxChartOutputBytes = 200_000;

    private enum Setup { ChartDisplay, PlotlyNetInteractive, NoInstall }

    private static NotebookRun RunChartNotebook(Setup setup)
    {
        var folder = Directory.CreateTempSubdirectory("fgx-kernel-chart-");
        var path = Path.Combine(folder.FullName, $"97-chart-{setup}.ipynb");
        var cells = setup switch
        {
            Setup.ChartDisplay => new[] { TestNotebook.Code($"#r \"{Library}\"\nFgCrossNet.Figures.NotebookChartDisplay.Install();"), TestNotebook.Code(ChartCell) },
            Setup.PlotlyNetInteractive => [TestNotebook.Code($"#r \"{Library}\"\nFgCrossNet.Figures.LoadedAssemblyResolver.Install();"), TestNotebook.Code("#r \"nuget: Plotly.NET.Interactive, 6.0.0\""), TestNotebook.Code(ChartCell)],
            _ => [TestNotebook.Code($"#r \"{Library}\""), TestNotebook.Code(ChartCell)],
        };
        TestNotebook.Write(path, cells);
        try
        {
            return PolyglotKernel.Run(path, NotebookExecutionTests.Timeout);
        }
        finally
        {
            // The executed copy lives elsewhere (run.OutputNotebook); the source is no longer needed.
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The text/html of the last code cell's outputs in the executed notebook.</summary>
    private static string ChartHtml(NotebookRun run)
    {
        var chartCell = Notebook.Load(run.OutputNotebook).Cells.Last(c => c.IsCode);
        var html = chartCell.Outputs.Select(o => o["data"]?["text/html"]).Where(h => h is not null)
            .Select(h => h is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)h ?? "").ToArray();
        Assert.True(html.Length == 1, $"the chart cell should have one HTML output, it has {html.Length}: {run.Report()}");
        return html[0];
    }

    private static int Count(string text, string pattern) => Regex.Matches(text, pattern).Count;

    [Fact]
    public void A_chart_cells_saved_output_draws_with_no_network_and_stays_small()
    {
        Assert.True(File.Exists(Library), $"build the library first: {Library}");
        var run = RunChartNotebook(Setup.ChartDisplay);
        Assert.True(run.Succeeded, run.Report());
        var html = ChartHtml(run);
        Assert.True(html.Length < MaxChartOutputBytes, $"the chart's output is {html.Length} characters");
        Assert.DoesNotContain("require.min.js", html);

        using var page = OfflineBrowser.Render(html, 760, 440);
        Assert.Contains("class=\"fgx-chart\"", page.Dom);
        Assert.Equal(1, Count(page.Dom, "class=\"trace bars\""));
        Assert.Equal(4, Count(page.Dom, "class=\"point\""));
        foreach (var label in new[] { "I-&gt;All", "T-&gt;All", "A-&gt;All", "V-&gt;All" }) Assert.Contains(label, page.Dom);
        // The plot area (inside the axes of the 720 x 400 figure) is drawn, not blank.
        int ink = page.InkPixels(new SKRectI(60, 60, 700, 360));
        Assert.True(ink > 20_000, $"the offline screenshot's plot area has {ink} non-white pixels");

        var saved = new FileInfo(run.OutputNotebook).Length;
        Assert.True(saved < MaxChartOutputBytes + 20_000, $"the executed notebook is {saved} bytes");
        run.DeleteOutput();
    }

    [Fact]
    public void Plotly_NET_Interactive_output_loads_plotly_from_a_CDN_and_draws_nothing_offline()
    {
        var run = RunChartNotebook(Setup.PlotlyNetInteractive);
        Assert.True(run.Succeeded, run.Report());
        var html = ChartHtml(run);
        Assert.Contains("cdn.plot.ly", html);

        using var page = OfflineBrowser.Render(html, 760, 440);
        Assert.Equal(0, Count(page.Dom, "class=\"point\""));
        int ink = page.InkPixels(new SKRectI(60, 60, 700, 360));
        Assert.True(ink < 100, $"the CDN chart drew {ink} non-white pixels with no network");
        run.DeleteOutput();
    }

    [Fact]
    public void Without_install_the_chart_fails_on_FSharp_Core()
    {
        var run = RunChartNotebook(Setup.NoInstall);
        Assert.False(run.Succeeded, "the chart rendered without LoadedAssemblyResolver.Install(): the kernel no longer needs it (see its docs)");
        Assert.Contains(run.Errors, e => e.Error.Contains("FSharp.Core", StringComparison.Ordinal));
        run.DeleteOutput();
    }
}
