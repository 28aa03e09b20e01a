using System.Net;
using System.Text;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core;
using FgCrossNet.Data;
using FgCrossNet.Evaluation;
using FgCrossNet.Experiments;
using FgCrossNet.Inference;
using FgCrossNet.IO;
using FgCrossNet.Training;
using Plotly.NET;
using SkiaSharp;

namespace FgCrossNet.Figures;

/// <summary>
/// The demo's report: <c>OUT/report/index.html</c>, one self-contained offline page (figures embedded as PNG data, no
/// script, no CDN) with the paper's two tables (ours with 95 % intervals, the random-feature chance level, the paper's
/// published numbers), MAP bar charts, training curves, precision-recall curves, per-class MAP, a PCA map of the test
/// features, and example queries with their top results across media (thumbnails of images, frames and spectrograms,
/// text snippets, ranked by <see cref="RetrievalQuery.Search"/>); and every figure as PNG and SVG in <c>OUT/report/figures/</c>, sized for a two-column paper.
/// </summary>
public static class DemoReport
{
    public const string Folder = "report";
    public const string IndexFile = "index.html";
    public const string FiguresFolder = "figures";

    /// <summary>Results shown per example query.</summary>
    public const int TopK = 5;

    /// <summary>The label of the committed cpu-paper row.</summary>
    public const string PaperRecipeRow = "cpu-paper, the paper's recipe (3 seeds, committed)";

    public static string Write(DemoResult demo, string dataRoot, Action<string>? log = null)
    {
        LoadedAssemblyResolver.Install();
        var folder = Path.Combine(demo.OutFolder, Folder);
        var figures = Path.Combine(folder, FiguresFolder);
        Directory.CreateDirectory(figures);
        var loaded = FeatureFolder.Load(demo.FeaturesFolder, demo.FeaturesFolder, Media.All);
        var classes = ClassListFile.Read(Path.Combine(dataRoot, ClassListFile.FileName));
        var records = TrainingMetricsLog.Read(demo.RunFolder);

        var ours = $"FgCrossNet ({demo.ConfigName})";
        MapSeries Series(CrossMediaScoreCard card, string name, bool bimodal) =>
            new(name, bimodal ? TaskMapScore.Bimodal(card) : TaskMapScore.Multimodal(card), bimodal ? card.BimodalAverage : card.MultimodalAverage);
        var wide = FigureStyle.DoubleColumn;
        var charts = new List<(string Name, string Caption, GenericChart Chart, FigureStyle Style)>
        {
            ("map-bimodal", "Bi-modal MAP with 95 % bootstrap intervals, beside chance and the paper's published numbers (on the real FG-XMedia).",
                MapBarChart.Create([Series(demo.Scores, ours, true), Series(demo.Chance, "chance", true), MapSeries.Published(TaskMapScore.Bimodal(demo.Scores))], wide), wide),
            ("map-multimodal", "Multi-modal MAP (query against all four media).",
                MapBarChart.Create([Series(demo.Scores, ours, false), Series(demo.Chance, "chance", false), MapSeries.Published(TaskMapScore.Multimodal(demo.Scores))], FigureStyle.SingleColumn), FigureStyle.SingleColumn),
            ("training-losses", "Training losses per epoch (every stage; dotted lines where a stage starts).", TrainingCurveChart.Losses(records, FigureStyle.SingleColumn), FigureStyle.SingleColumn),
            ("validation-accuracy", "Validation accuracy per medium and epoch.", TrainingCurveChart.ValidationAccuracy(records, FigureStyle.SingleColumn), FigureStyle.SingleColumn),
            ("precision-recall", "Interpolated precision-recall curves of the 12 bi-modal tasks.",
                PrecisionRecallChart.Create(demo.Scores, style: wide), wide),
            ("per-class-map-i-t", "Per-class MAP of image->text.",
                PerClassMapChart.Create(demo.Scores[new RetrievalTask(Medium.Image, Medium.Text)], classes, wide), wide),
            ("embedding-map", "PCA of the test features (softmax outputs), colour = class, symbol = medium (first 10 classes).",
                EmbeddingMapChart.Create(loaded, classes, style: FigureStyle.SingleColumn), FigureStyle.SingleColumn),
        };

        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>FgCrossNet demo report</title><style>")
            .Append("body{font-family:DejaVu Sans,Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}")
            .Append("table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}")
            .Append("td:first-child,th:first-child{text-align:left}figure{margin:1.5em 0}figcaption{font-size:13px;color:#555}")
            .Append(".hits{display:flex;gap:8px;flex-wrap:wrap;align-items:flex-start}.hit{width:150px;font-size:11px;border:1px solid #ddd;padding:4px}")
            .Append(".hit.ok{border-color:#009E73}.hit.no{border-color:#D55E00}.hit img{max-width:140px;max-height:96px}</style></head><body>");
        page.Append("<h1>FgCrossNet demo report</h1><p>").Append(WebUtility.HtmlEncode(Summary(demo))).Append("</p>");
        page.Append("<h2>MAP, paper protocol</h2>");
        foreach (bool bimodal in new[] { true, false })
        {
            var tasks = bimodal ? PaperRetrievalProtocol.BimodalTasks : PaperRetrievalProtocol.MultimodalTasks;
            List<MapSeries> rows = [Series(demo.Scores, ours, bimodal), Series(demo.TorchSharpScores, "same model, TorchSharp features", bimodal)];
            if (CommittedResults.BaseRow(tasks, PaperRecipeRow) is { } paperRecipe) rows.Add(paperRecipe);
            rows.Add(Series(demo.Chance, "chance (random features)", bimodal));
            rows.Add(MapSeries.Published(bimodal ? TaskMapScore.Bimodal(demo.Scores) : TaskMapScore.Multimodal(demo.Scores)));
            page.Append(new MapTable(bimodal ? "Bi-modal MAP" : "Multi-modal MAP", rows).ToHtml());
        }
        page.Append("<p>The first row is this demo's run (config ").Append(WebUtility.HtmlEncode(demo.ConfigName)).Append("). The ").Append(WebUtility.HtmlEncode(PaperRecipeRow))
            .Append(" row is the paper's recipe at the same scale, measured on the same synthetic dataset (mean of 3 seeds, docs/results.md), not rerun here. ")
            .Append("The published row is the paper's table on the real PKU FG-XMedia; ours are on the synthetic dataset, so those rows are not comparable, only laid side by side.</p>");

        // One browser for every file: starting Chromium per file costs seconds each.
        StaticChartExport.SaveAll(charts.SelectMany(c => new[] { (c.Chart, Path.Combine(figures, c.Name + ".png"), c.Style), (c.Chart, Path.Combine(figures, c.Name + ".svg"), c.Style) }));
        foreach (var (name, caption, _, style) in charts)
        {
            // Shown at twice the layout size (the PNG has ExportScale pixels per layout px, so it stays sharp).
            page.Append("<figure><img alt=\"").Append(WebUtility.HtmlEncode(name)).Append("\" style=\"width:").Append(2 * style.Width).Append("px;max-width:100%\" src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(File.ReadAllBytes(Path.Combine(figures, name + ".png")))).Append("\"><figcaption>").Append(WebUtility.HtmlEncode(caption))
                .Append(" (<a href=\"").Append(FiguresFolder).Append('/').Append(name).Append(".svg\">SVG</a>)</figcaption></figure>");
        }
        log?.Invoke($"{charts.Count} figures (PNG and SVG) in {figures}");

        page.Append("<h2>Example queries</h2><p>The first test item of each medium, against the gallery of all four media (cosine distance; green: same class).</p>");
        var gallery = RetrievalGallery.Load(demo.FeaturesFolder);
        foreach (var medium in Media.All) page.Append(ExampleQuery(gallery, medium, classes));
        page.Append("</body></html>\n");
        var index = Path.Combine(folder, IndexFile);
        AtomicFile.WriteAllText(index, page.ToString());
        return index;
    }

    /// <summary>One line of headline figures: the averages, the chance level, the export's parity and the time.</summary>
    public static string Summary(DemoResult demo) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Bi-modal MAP {demo.Scores.BimodalAverage:F3} (chance {demo.Chance.BimodalAverage:F3}), multi-modal MAP {demo.Scores.MultimodalAverage:F3} (chance {demo.Chance.MultimodalAverage:F3}); {16 - demo.TasksNotAboveChance.Count} of 16 tasks above chance (95 % interval wholly above the chance MAP){(demo.TasksNotAboveChance.Count > 0 ? ", not: " + string.Join(", ", demo.TasksNotAboveChance) : "")}; ONNX/ML.NET features reproduce TorchSharp's scores within {demo.ExportParity:G2}.");

    private static string ExampleQuery(RetrievalGallery gallery, Medium queryMedium, IReadOnlyList<string> classes)
    {
        var item = gallery.Items.First(i => i.Medium == queryMedium);
        var query = new RetrievalQuery(queryMedium, gallery.FullPath(item), gallery.Features.Row(item.Row).ToArray());
        var hits = query.Search(gallery, TopK + 1).Where(h => h.Item.Row != item.Row).Take(TopK);
        var sb = new StringBuilder("<h3>").Append(WebUtility.HtmlEncode($"{queryMedium.FolderName()} query, class {classes[item.Label]}")).Append("</h3><div class=\"hits\">");
        sb.Append(Card(item, gallery, "query", ""));
        foreach (var h in hits)
            sb.Append(Card(h.Item, gallery, $"{h.Item.Medium.FolderName()} · {classes[h.Item.Label]} · d={h.Distance:F3}", h.Item.Label == item.Label ? "ok" : "no"));
        return sb.Append("</div>").ToString();
    }

    private static string Card(GalleryItem item, RetrievalGallery gallery, string caption, string css)
    {
        var path = gallery.FullPath(item);
        string body;
        if (item.Medium == Medium.Text)
        {
            var text = File.Exists(path) ? File.ReadAllText(path) : "";
            body = "<div>" + WebUtility.HtmlEncode(text.Length > 160 ? text[..160] + "…" : text) + "</div>";
        }
        else
        {
            var image = Directory.Exists(path) ? Directory.EnumerateFiles(path).Order(StringComparer.Ordinal).FirstOrDefault() : path;
            body = image is not null && Thumbnail(image) is { } png ? $"<img alt=\"{WebUtility.HtmlEncode(item.RelativePath)}\" src=\"data:image/png;base64,{png}\">" : "<div>(unreadable)</div>";
        }
        return $"<div class=\"hit {css}\">{body}<div>{WebUtility.HtmlEncode(caption)}</div></div>";
    }

    private static string? Thumbnail(string path)
    {
        using var bitmap = SKBitmap.Decode(path);
        if (bitmap is null) return null;
        int height = 96, width = Math.Max(1, bitmap.Width * height / Math.Max(1, bitmap.Height));
        using var small = bitmap.Resize(new SKImageInfo(width, height), SKFilterQuality.Medium);
        using var data = small.Encode(SKEncodedImageFormat.Png, 90);
        return Convert.ToBase64String(data.ToArray());
    }

}
