using Plotly.NET;
using PuppeteerSharp;
using static FgCrossNet.Figures.FSharpOptions;

namespace FgCrossNet.Figures;

/// <summary>
/// Renders charts to SVG text offline, one after another in one headless Chromium page that has plotly.js (embedded in
/// Plotly.NET, no CDN) loaded once, for displays that draw many charts over time (<see cref="NotebookChartDisplay"/>).
/// The browser starts at the first render and closes after <see cref="IdleTimeout"/> without one, or when the process
/// exits. The SVG is plotly.js's <c>toImage</c> at the figure's layout size, as <see cref="StaticChartExport"/> writes.
/// </summary>
public static class ChartSvgRenderer
{
    /// <summary>How long the browser stays open after the last render.</summary>
    public static TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static IBrowser? _browser;
    private static IPage? _page;
    private static Timer? _idle;

    static ChartSvgRenderer() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Close();

    /// <summary>The SVG document of the figure <paramref name="figureJson"/> (Plotly's <c>{data, layout}</c> JSON) at <paramref name="width"/> x <paramref name="height"/> layout px.</summary>
    public static string RenderSvg(string figureJson, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        OneAtATime.Wait();
        try
        {
            _idle?.Dispose();
            var page = _page ?? OpenAsync().GetAwaiter().GetResult();
            var url = page.EvaluateFunctionAsync<string>(
                "(figure, width, height) => Plotly.toImage({ data: figure.data, layout: figure.layout }, { format: 'svg', width: width, height: height })",
                System.Text.Json.JsonDocument.Parse(figureJson).RootElement, width, height).GetAwaiter().GetResult();
            return Uri.UnescapeDataString(url[(url.IndexOf(',') + 1)..]);
        }
        finally
        {
            _idle = new Timer(_ => Close(), null, IdleTimeout, Timeout.InfiniteTimeSpan);
            OneAtATime.Release();
        }
    }

    /// <summary>True while a browser is open.</summary>
    public static bool IsOpen => _page is not null;

    private static async Task<IPage> OpenAsync()
    {
        _browser = await Puppeteer.LaunchAsync(StaticChartExport.BrowserLaunchOptions());
        _page = await _browser.NewPageAsync();
        var empty = Chart.withDisplayOptions(DisplayOptions.init(null, null, null, null, null, null, Some(PlotlyJSReference.Full)))
            .Invoke(Plotly.NET.CSharp.Chart.Point<double, double, string>(x: new double[] { 0 }, y: new double[] { 0 }));
        await _page.SetContentAsync(GenericChart.toEmbeddedHTML(empty));
        await _page.WaitForExpressionAsync("typeof Plotly !== 'undefined' && typeof Plotly.toImage === 'function'");
        return _page;
    }

    /// <summary>Closes the browser now (the next render opens a new one).</summary>
    public static void Close()
    {
        if (!OneAtATime.Wait(TimeSpan.FromSeconds(30))) return;
        try
        {
            _idle?.Dispose();
            _idle = null;
            var browser = _browser;
            _browser = null;
            _page = null;
            if (browser is not null)
            {
                try
                {
                    browser.CloseAsync().Wait(TimeSpan.FromSeconds(10));
                }
                catch (Exception e) when (e is AggregateException or PuppeteerException)
                {
                    // The browser may already be gone (killed with the process tree); nothing is left to close.
                }
                browser.Dispose();
            }
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}
