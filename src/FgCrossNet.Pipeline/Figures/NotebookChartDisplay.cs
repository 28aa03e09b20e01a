using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace FgCrossNet.Figures;

/// <summary>How a chart (a <see cref="GenericChart"/> value) shows in a notebook cell.</summary>
public enum NotebookChartMode
{
    /// <summary>
    /// The chart as an inline SVG, drawn offline; where plotly.js can be loaded from its CDN, it is replaced by the
    /// interactive chart (for charts whose JSON is at most <see cref="NotebookChartDisplay.InteractiveJsonLimit"/>).
    /// </summary>
    Auto,

    /// <summary>The inline SVG alone: the output loads nothing from anywhere.</summary>
    Static,
}

/// <summary>
/// Charts in the notebook kernels (VS Code's Polyglot Notebooks, <c>dotnet interactive</c>) that draw with no network and
/// keep outputs small. Call <see cref="Install"/> once, in the notebook's first cell, right after the <c>#r</c> of this
/// library; from then on a cell whose value is a chart shows it.
/// </summary>
/// <remarks>
/// Why: Plotly.NET.Interactive's formatter writes HTML that loads require.js and plotly.js (3.6 MB) from CDNs, so a
/// notebook opened offline or behind a firewall shows empty charts; embedding plotly.js instead would put megabytes into
/// every chart's output. Here each chart is rendered once, in the kernel, to SVG by the same offline Chromium and
/// embedded plotly.js as the paper figures (<see cref="ChartSvgRenderer"/>), and the output is that SVG (tens of kB) plus, in
/// <see cref="NotebookChartMode.Auto"/>, the chart's JSON and a few lines of script that swap in the interactive chart
/// when plotly.js loads.
/// </remarks>
public static class NotebookChartDisplay
{
    /// <summary>Where <see cref="NotebookChartMode.Auto"/> loads plotly.js from: the version Plotly.NET writes for.</summary>
    public static string PlotlyJsUrl { get; } = $"https://cdn.plot.ly/plotly-{Globals.PLOTLYJS_VERSION}.min.js";

    /// <summary>
    /// The largest chart JSON, in characters, that <see cref="NotebookChartMode.Auto"/> puts into an output for the
    /// interactive chart; a larger chart (a spectrogram heatmap, a waveform of thousands of points) shows its SVG alone,
    /// so that the saved notebook does not carry its data twice.
    /// </summary>
    public static int InteractiveJsonLimit { get; set; } = 100_000;

    /// <summary>The mode of charts shown from now on.</summary>
    public static NotebookChartMode Mode { get; set; } = NotebookChartMode.Auto;

    private static int _registered;

    /// <summary>
    /// Makes this library usable in the kernel (<see cref="LoadedAssemblyResolver.Install"/>) and registers the chart
    /// formatter (text/html) with the kernel's <c>Formatter</c>; later calls only set <paramref name="mode"/>.
    /// </summary>
    public static void Install(NotebookChartMode mode = NotebookChartMode.Auto)
    {
        LoadedAssemblyResolver.Install();
        Mode = mode;
        if (Interlocked.Exchange(ref _registered, 1) == 0) RegisterFormatter();
    }

    // Separate so that Plotly.NET's types are resolved only after the resolver is installed.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterFormatter()
    {
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(Html(chart, Mode)), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), HtmlFormatter.MimeType);
    }

    /// <summary>
    /// The HTML of <paramref name="chart"/> in a notebook output: a <c>div.fgx-chart</c> holding the chart's SVG at its
    /// layout size (<see cref="FigureStyle.Notebook"/>'s where the layout sets none), and in
    /// <see cref="NotebookChartMode.Auto"/> (up to <see cref="InteractiveJsonLimit"/>) a script that replaces it by the interactive chart once plotly.js is there
    /// (already loaded by an earlier output, or loaded from <see cref="PlotlyJsUrl"/>); if loading fails the SVG stays.
    /// </summary>
    public static string Html(GenericChart chart, NotebookChartMode mode = NotebookChartMode.Auto)
    {
        var figureJson = GenericChart.toFigureJson(chart);
        var figure = JsonNode.Parse(figureJson)!.AsObject();
        var layout = figure["layout"] as JsonObject;
        int width = ReadSize(layout, "width", FigureStyle.Notebook.Width), height = ReadSize(layout, "height", FigureStyle.Notebook.Height);
        var svg = ChartSvgRenderer.RenderSvg(figure.ToJsonString(), width, height);
        var id = "fgx-chart-" + Guid.NewGuid().ToString("N")[..12];
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<div id=\"{id}\" class=\"fgx-chart\" style=\"width:{width}px;height:{height}px\">")
            .Append(StripXmlDeclaration(svg))
            .Append("</div>");
        if (mode == NotebookChartMode.Auto && figureJson.Length <= InteractiveJsonLimit) html.Append(UpgradeScript(id, figure));
        return html.ToString();
    }

    private static int ReadSize(JsonObject? layout, string key, int fallback) =>
        layout?[key] is JsonValue v && v.TryGetValue(out double d) && d >= 1 ? (int)Math.Round(d) : fallback;

    private static string StripXmlDeclaration(string svg) =>
        svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..] : svg;

    /// <summary>
    /// Loads plotly.js once per page (one shared promise) and draws the figure in place of the SVG. An AMD loader
    /// (require.js, which other outputs may have loaded) is hidden while plotly.js runs, else plotly.js would register
    /// with it instead of defining <c>window.Plotly</c>.
    /// </summary>
    private static string UpgradeScript(string id, JsonObject figure)
    {
        var figureJson = figure.ToJsonString().Replace("</", "<\\/", StringComparison.Ordinal);
        return $$"""
            <script type="text/javascript">
            (function () {
              var url = {{JsonValue.Create(PlotlyJsUrl).ToJsonString()}};
              window.fgxPlotly = window.fgxPlotly || new Promise(function (resolve, reject) {
                if (window.Plotly) { resolve(window.Plotly); return; }
                var amd = window.define; window.define = undefined;
                var script = document.createElement('script');
                script.src = url;
                script.onload = function () { window.define = amd; window.Plotly ? resolve(window.Plotly) : reject(); };
                script.onerror = function () { window.define = amd; reject(); };
                document.head.appendChild(script);
              });
              window.fgxPlotly.then(function (Plotly) {
                var target = document.getElementById({{JsonValue.Create(id).ToJsonString()}});
                if (!target) return;
                var figure = {{figureJson}};
                var live = document.createElement('div');
                live.className = 'fgx-chart-live';
                target.parentNode.insertBefore(live, target);
                return Plotly.newPlot(live, figure.data, figure.layout, { responsive: true, displaylogo: false }).then(function () {
                  target.remove();
                });
              }, function () { window.fgxPlotly = undefined; });
            })();
            </script>
            """;
    }
}
