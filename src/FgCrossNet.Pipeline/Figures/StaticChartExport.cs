using System.Text.RegularExpressions;
using Plotly.NET.ImageExport;
using Plotly.NET;
using PuppeteerSharp;
using static FgCrossNet.Figures.FSharpOptions;

namespace FgCrossNet.Figures;

/// <summary>
/// Writes charts as PNG or SVG files for papers, offline: Plotly.NET.ImageExport drives a local headless Chromium
/// (Debian's <c>chromium</c>, installed by <c>environment/setup.sh</c>) through PuppeteerSharp, and plotly.js is embedded in
/// the page it renders, so no CDN is needed. The image is <c>width x height</c> layout px (the chart's
/// <see cref="FigureStyle"/> size) at <c>scale</c> device pixels per px: a PNG is <c>width*scale</c> by
/// <c>height*scale</c> pixels; an SVG keeps the layout size and is resolution-free.
/// </summary>
public static class StaticChartExport
{
    /// <summary>Where Debian puts Chromium.</summary>
    public const string DefaultBrowserPath = "/usr/bin/chromium";

    /// <summary>Environment variable that names another Chromium or Chrome executable.</summary>
    public const string BrowserPathVariable = "FGX_CHROMIUM";

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>The browser used: <see cref="BrowserPathVariable"/> when set, else <see cref="DefaultBrowserPath"/>.</summary>
    public static string BrowserPath => Environment.GetEnvironmentVariable(BrowserPathVariable) is { Length: > 0 } p ? p : DefaultBrowserPath;

    /// <summary>Writes <paramref name="chart"/> at the size and export scale of <paramref name="style"/> (PNG or SVG by the file's extension).</summary>
    public static void Save(GenericChart chart, string path, FigureStyle style)
    {
        var format = FormatOf(path);
        Save(chart, path, style.Width, style.Height, format == ImageFormat.Png ? style.ExportScale : 1, format);
    }

    /// <summary>
    /// Writes many figures with one browser (a browser start costs seconds; <see cref="Save(GenericChart, string, FigureStyle)"/>
    /// starts one per file): each figure at the size and export scale of its style, PNG or SVG by the file's extension;
    /// the files of one chart come from one page. The same images as <see cref="Save(GenericChart, string, FigureStyle)"/>
    /// (plotly.js's <c>toImage</c> on the embedded page).
    /// </summary>
    public static void SaveAll(IEnumerable<(GenericChart Chart, string Path, FigureStyle Style)> figures)
    {
        var items = figures.Select(f => (f.Chart, Path: Path.GetFullPath(f.Path), f.Style, Format: FormatOf(f.Path))).ToList();
        if (items.Count == 0) return;
        RequireBrowser();
        OneAtATime.Wait();
        try
        {
            SaveAllAsync(items).GetAwaiter().GetResult();
        }
        finally
        {
            OneAtATime.Release();
        }
        foreach (var item in items)
            if (!File.Exists(item.Path)) throw new IOException($"The export did not write {item.Path}.");
    }

    private static async Task SaveAllAsync(List<(GenericChart Chart, string Path, FigureStyle Style, ImageFormat Format)> items)
    {
        Configure();
        await using var browser = await Puppeteer.LaunchAsync(PuppeteerSharpRendererOptions.launchOptions);
        await using var page = await browser.NewPageAsync();
        int chart = 0;
        foreach (var group in items.GroupBy(i => i.Chart, ReferenceEqualityComparer.Instance))
        {
            chart++;
            var files = group.ToList();
            var embedded = Chart.withDisplayOptions(DisplayOptions.init(null, null, null, null, null, null, Some(PlotlyJSReference.Full))).Invoke(files[0].Chart);
            var images = string.Join(", ", files.Select(f =>
            {
                double scale = f.Format == ImageFormat.Png ? f.Style.ExportScale : 1;
                return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Plotly.toImage(x, {{ format: '{(f.Format == ImageFormat.Png ? "png" : "svg")}', scale: {scale}, width: {f.Style.Width}, height: {f.Style.Height} }})");
            }));
            // As Plotly.NET.ImageExport does: the page's newPlot call, then toImage of the plot it made.
            // The images are tagged with the chart's number: setting new content can keep the page's window object, so
            // an untagged result of the previous chart would be read as this one's.
            var html = NewPlotCall.Replace(GenericChart.toEmbeddedHTML(embedded),
                m => $"{m.Value}.then(x => Promise.all([{images}])).then(all => window.fgxImages = {{ chart: {chart}, all: all }})", 1);
            await page.SetContentAsync(html);
            await page.WaitForExpressionAsync($"window.fgxImages !== undefined && window.fgxImages.chart === {chart}");
            var urls = await page.EvaluateExpressionAsync<string[]>("window.fgxImages.all");
            for (int i = 0; i < files.Count; i++)
            {
                var data = urls[i][(urls[i].IndexOf(',') + 1)..];
                Directory.CreateDirectory(Path.GetDirectoryName(files[i].Path)!);
                if (files[i].Format == ImageFormat.Png) await File.WriteAllBytesAsync(files[i].Path, Convert.FromBase64String(data));
                else await File.WriteAllTextAsync(files[i].Path, Uri.UnescapeDataString(data));
            }
        }
    }

    // The last call: the embedded plotly.js before it may spell the same text.
    private static readonly Regex NewPlotCall = new(@"Plotly\.newPlot\(.+?\)", RegexOptions.CultureInvariant | RegexOptions.RightToLeft);

    private static ImageFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => ImageFormat.Png,
        ".svg" => ImageFormat.Svg,
        var other => throw new ArgumentException($"Export writes .png or .svg files, not '{other}'.", nameof(path)),
    };

    private enum ImageFormat { Png, Svg }

    private static void Save(GenericChart chart, string path, int width, int height, double scale, ImageFormat format)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (scale <= 0 || !double.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "the scale must be positive");
        RequireBrowser();

        var embedded = Chart.withDisplayOptions(DisplayOptions.init(null, null, null, null, null, null, Some(PlotlyJSReference.Full))).Invoke(chart);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        OneAtATime.Wait();
        try
        {
            Configure();
            IGenericChartRenderer renderer = new PuppeteerSharpRenderer();
            // The renderer appends the extension itself.
            var stem = Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full));
            var task = format == ImageFormat.Png
                ? renderer.SavePNGAsync(stem, width, height, scale, embedded)
                : renderer.SaveSVGAsync(stem, width, height, scale, embedded);
            task.GetAwaiter().GetResult();
        }
        finally
        {
            OneAtATime.Release();
        }
        if (!File.Exists(full)) throw new IOException($"The export did not write {full}.");
    }

    private static void Configure()
    {
        PuppeteerSharpRendererOptions.localBrowserExecutablePath = Some(BrowserPath);
        PuppeteerSharpRendererOptions.launchOptions = BrowserLaunchOptions();
    }

    /// <summary>Fails with a clear message when <see cref="BrowserPath"/> does not exist.</summary>
    internal static void RequireBrowser()
    {
        if (!File.Exists(BrowserPath))
            throw new FileNotFoundException($"Rendering charts needs Chromium at {BrowserPath} (environment/setup.sh installs Debian's 'chromium'; {BrowserPathVariable} names another).", BrowserPath);
    }

    /// <summary>How every figure renderer starts the browser: headless <see cref="BrowserPath"/>.</summary>
    internal static LaunchOptions BrowserLaunchOptions()
    {
        RequireBrowser();
        return new LaunchOptions
        {
            Headless = true,
            ExecutablePath = BrowserPath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        };
    }
}
