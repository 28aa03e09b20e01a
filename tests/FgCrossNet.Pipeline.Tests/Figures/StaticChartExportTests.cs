using System.Xml.Linq;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.Evaluation;
using FgCrossNet.Figures;
using SkiaSharp;

namespace FgCrossNet.Pipeline.Tests.Figures;

/// <summary>Real static export through the local Chromium: files of the requested size with the chart drawn in them.</summary>
[Collection(ChromiumCollection.Name)]
public class StaticChartExportTests
{
    private static Plotly.NET.GenericChart BimodalChart(FigureStyle style) =>
        MapBarChart.Create(PublishedMap.For(PaperRetrievalProtocol.BimodalTasks), "ours", withPublished: true, style: style);

    [Fact]
    public void A_png_has_the_requested_size_times_the_scale_and_a_drawn_chart()
    {
        using var dir = new TempFolder();
        var style = FigureStyle.SingleColumn.WithSize(252, 170) with { ExportScale = 2 };
        var path = Path.Combine(dir.Path, "bimodal.png");
        StaticChartExport.Save(BimodalChart(style), path, style);

        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal(504, bitmap.Width);
        Assert.Equal(340, bitmap.Height);
        int inked = 0;
        var colours = new HashSet<uint>();
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                colours.Add((uint)c);
                if (c.Red + c.Green + c.Blue < 600) inked++;
            }
        // Bars, axes and labels cover a good part of the image, in several colours (two series, black text).
        Assert.InRange(inked / (double)(bitmap.Width * bitmap.Height), 0.05, 0.8);
        Assert.True(colours.Count > 20, $"only {colours.Count} colours: is the chart drawn?");
    }

    [Fact]
    public void An_svg_has_the_requested_size_and_one_bar_per_task_and_series()
    {
        using var dir = new TempFolder();
        var style = FigureStyle.DoubleColumn.WithSize(516, 200);
        var path = Path.Combine(dir.Path, "bimodal.svg");
        StaticChartExport.Save(BimodalChart(style), path, style);

        var svg = XDocument.Load(path).Root!;
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal("516", (string?)svg.Attribute("width"));
        Assert.Equal("200", (string?)svg.Attribute("height"));
        var bars = svg.Descendants().Where(e => e.Name.LocalName == "g" && ((string?)e.Attribute("class"))?.Split(' ').Contains("point") == true).ToArray();
        Assert.Equal(24, bars.Length);
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToArray();
        Assert.Contains("I->T", texts);
        Assert.Contains("V->A", texts);
        Assert.Contains(PublishedMap.Label, texts);
    }

    [Fact]
    public void Many_figures_with_one_browser_have_their_styles_sizes_and_drawn_content()
    {
        using var dir = new TempFolder();
        var single = FigureStyle.SingleColumn with { ExportScale = 2 };
        var wide = FigureStyle.DoubleColumn;
        var bimodal = BimodalChart(wide);
        var multimodal = MapBarChart.Create(PublishedMap.For(PaperRetrievalProtocol.MultimodalTasks), "ours", style: single);
        StaticChartExport.SaveAll([
            (bimodal, Path.Combine(dir.Path, "bimodal.png"), wide), (bimodal, Path.Combine(dir.Path, "bimodal.svg"), wide),
            (multimodal, Path.Combine(dir.Path, "sub/multimodal.png"), single)]);

        using (var png = SKBitmap.Decode(Path.Combine(dir.Path, "bimodal.png")))
        {
            Assert.Equal((516 * 4, 200 * 4), (png.Width, png.Height));
            Assert.True(Enumerable.Range(0, png.Width).Count(x => png.GetPixel(x, png.Height / 2).Red < 200) > 20, "no chart drawn across the middle row");
        }
        using (var png = SKBitmap.Decode(Path.Combine(dir.Path, "sub/multimodal.png")))
            Assert.Equal((252 * 2, 170 * 2), (png.Width, png.Height));
        var svg = XDocument.Load(Path.Combine(dir.Path, "bimodal.svg")).Root!;
        Assert.Equal(("516", "200"), ((string?)svg.Attribute("width"), (string?)svg.Attribute("height")));
        Assert.Equal(24, svg.Descendants().Count(e => e.Name.LocalName == "g" && ((string?)e.Attribute("class"))?.Split(' ').Contains("point") == true));
    }

    [Fact]
    public void An_unknown_extension_is_refused_before_any_browser_starts()
    {
        var e = Assert.Throws<ArgumentException>(() => StaticChartExport.Save(BimodalChart(FigureStyle.SingleColumn), "figure.pdf", FigureStyle.SingleColumn));
        Assert.Contains(".pdf", e.Message);
        var chart = BimodalChart(FigureStyle.SingleColumn);
        e = Assert.Throws<ArgumentException>(() => StaticChartExport.SaveAll([(chart, "figure.png", FigureStyle.SingleColumn), (chart, "figure.eps", FigureStyle.SingleColumn)]));
        Assert.Contains(".eps", e.Message);
    }
}

/// <summary>Exports start a browser each: one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection
{
    public const string Name = "Chromium";
}
