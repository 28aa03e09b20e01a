using System.Xml.Linq;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.Evaluation;
using FgCrossNet.Figures;
using PuppeteerSharp;

namespace FgCrossNet.Pipeline.Tests.Figures;

/// <summary>
/// The notebook output of a chart, opened in a real headless Chromium page whose every request is intercepted: the
/// inline SVG is the chart (offline, no script needed), and in <see cref="NotebookChartMode.Auto"/> it is swapped for the
/// interactive plotly.js chart when plotly.js can be fetched (served here from Plotly.NET's embedded copy) and kept when
/// it cannot. The kernel-side tests (the formatter in a real kernel, the saved output offline) are KernelChartTests.
/// </summary>
[Collection(ChromiumCollection.Name)]
public class NotebookChartDisplayTests
{
    /// <summary>24 bars: 12 bi-modal tasks, ours and the published numbers.</summary>
    private static Plotly.NET.GenericChart BimodalChart(FigureStyle style) =>
        MapBarChart.Create(PublishedMap.For(PaperRetrievalProtocol.BimodalTasks), "ours", withPublished: true, style: style);

    private static string PlotlyJs()
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".js", StringComparison.OrdinalIgnoreCase) && n.Contains("plotly", StringComparison.OrdinalIgnoreCase));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }

    /// <summary>Opens <paramref name="html"/>; requests for plotly.js get it when <paramref name="serve"/>, every other request fails.</summary>
    private static async Task<(IBrowser Browser, IPage Page, List<string> Errors, List<string> Requests)> Open(string html, bool serve)
    {
        var browser = await Puppeteer.LaunchAsync(StaticChartExport.BrowserLaunchOptions());
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.PageError += (_, e) => errors.Add(e.Message);
        await page.SetRequestInterceptionAsync(true);
        var plotly = serve ? PlotlyJs() : null;
        page.Request += async (_, e) =>
        {
            if (e.Request.Url.StartsWith("http", StringComparison.Ordinal)) lock (requests) requests.Add(e.Request.Url);
            if (plotly is not null && e.Request.Url == NotebookChartDisplay.PlotlyJsUrl)
                await e.Request.RespondAsync(new ResponseData { Status = System.Net.HttpStatusCode.OK, ContentType = "application/javascript", Body = plotly });
            else if (e.Request.Url.StartsWith("http", StringComparison.Ordinal))
                await e.Request.AbortAsync();
            else
                await e.Request.ContinueAsync();
        };
        await page.SetContentAsync($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>{html}</body></html>");
        return (browser, page, errors, requests);
    }

    [Fact]
    public void The_static_output_is_the_charts_svg_at_its_layout_size_and_loads_nothing()
    {
        var style = FigureStyle.DoubleColumn.WithSize(516, 200);
        var html = NotebookChartDisplay.Html(BimodalChart(style), NotebookChartMode.Static);
        Assert.DoesNotContain("<script", html);
        var root = XElement.Parse(html);
        var svg = root.Elements().Single();
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal("516", (string?)svg.Attribute("width"));
        Assert.Equal("200", (string?)svg.Attribute("height"));
        var bars = svg.Descendants().Where(e => e.Name.LocalName == "g" && ((string?)e.Attribute("class"))?.Split(' ').Contains("point") == true).ToArray();
        Assert.Equal(24, bars.Length);
        Assert.Contains("I->T", svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
    }

    [Fact]
    public async Task Where_plotly_js_loads_the_svg_is_replaced_by_the_interactive_chart()
    {
        var html = NotebookChartDisplay.Html(BimodalChart(FigureStyle.Notebook), NotebookChartMode.Auto);
        var (browser, page, errors, requests) = await Open(html, serve: true);
        await using var _ = browser;
        await page.WaitForExpressionAsync("document.querySelector('.fgx-chart') === null", new WaitForFunctionOptions { Timeout = 60_000 });
        Assert.Equal(24, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('.fgx-chart-live .main-svg g.point').length"));
        // plotly.js's own plot object: hover and zoom work on it.
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.querySelector('.fgx-chart-live')._fullLayout !== undefined"));
        Assert.Equal([NotebookChartDisplay.PlotlyJsUrl], requests);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Where_plotly_js_cannot_load_the_svg_stays_and_nothing_fails()
    {
        var html = NotebookChartDisplay.Html(BimodalChart(FigureStyle.Notebook), NotebookChartMode.Auto);
        // Two charts on one page, as in a notebook: one shared attempt, then each keeps its SVG.
        var (browser, page, errors, requests) = await Open(html + NotebookChartDisplay.Html(BimodalChart(FigureStyle.Notebook), NotebookChartMode.Auto), serve: false);
        await using var _ = browser;
        await page.WaitForExpressionAsync("window.fgxPlotly === undefined", new WaitForFunctionOptions { Timeout = 60_000 });
        Assert.Equal(2, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('.fgx-chart > svg.main-svg').length"));
        Assert.Equal(48, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('.fgx-chart g.point').length"));
        Assert.Equal(0, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('.fgx-chart-live').length"));
        Assert.Equal([NotebookChartDisplay.PlotlyJsUrl], requests);
        Assert.Empty(errors);
    }

    [Fact]
    public void A_chart_over_the_json_limit_shows_its_svg_alone_in_auto_mode()
    {
        var chart = BimodalChart(FigureStyle.Notebook);
        int json = Plotly.NET.GenericChart.toFigureJson(chart).Length;
        Assert.Contains("<script", NotebookChartDisplay.Html(chart, NotebookChartMode.Auto));
        var limit = NotebookChartDisplay.InteractiveJsonLimit;
        try
        {
            NotebookChartDisplay.InteractiveJsonLimit = json - 1;
            var html = NotebookChartDisplay.Html(chart, NotebookChartMode.Auto);
            Assert.DoesNotContain("<script", html);
            Assert.Contains("class=\"main-svg\"", html);
        }
        finally
        {
            NotebookChartDisplay.InteractiveJsonLimit = limit;
        }
    }

    [Fact]
    public void The_renderer_reopens_its_browser_after_a_close()
    {
        var style = FigureStyle.SingleColumn.WithSize(252, 170);
        var first = NotebookChartDisplay.Html(BimodalChart(style), NotebookChartMode.Static);
        Assert.True(ChartSvgRenderer.IsOpen);
        ChartSvgRenderer.Close();
        Assert.False(ChartSvgRenderer.IsOpen);
        var second = NotebookChartDisplay.Html(BimodalChart(style), NotebookChartMode.Static);
        Assert.True(ChartSvgRenderer.IsOpen);
        ChartSvgRenderer.Close();
        // The same chart twice: the same drawing (plotly.js names its clip paths at random; compare without them).
        static string Drawing(string html) => System.Text.RegularExpressions.Regex.Replace(html, @"(fgx-chart-|clip|defs-|topdefs-|legend)[0-9a-f]{6,}", "$1#");
        Assert.Equal(Drawing(first), Drawing(second));
    }
}
