using System.Globalization;
using System.Text.Json.Nodes;
using System.Text;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core;
using FgCrossNet.Evaluation;
using FgCrossNet.Experiments;
using FgCrossNet.IO;
using FgCrossNet.Training;

namespace FgCrossNet.Figures;

/// <summary>
/// A generated Markdown results page for an <see cref="AblationReport"/>: how to regenerate it, one summary line per
/// row (both averages as mean ± sample std over seeds, the difference from the base row with its paired p-value, the
/// mean final validation accuracy of every medium, the mean training time), the report's two paper tables, and a
/// bar chart of both averages per row (PNG beside the page). Every number comes from the runs' files.
/// </summary>
public static class ResultsPage
{
    /// <summary>
    /// Writes the page of <paramref name="report"/> to <paramref name="pagePath"/> under <paramref name="title"/>, with
    /// <paramref name="commands"/> (what regenerates the runs and the page) shown verbatim, and, unless
    /// <paramref name="withFigure"/> is false, its figures into <c>&lt;page name&gt;-figures/</c> beside it.
    /// </summary>
    public static void Write(AblationReport report, string pagePath, string title, IReadOnlyList<string> commands, bool withFigure = true)
    {
        pagePath = Path.GetFullPath(pagePath);
        var figures = Path.Combine(Path.GetDirectoryName(pagePath)!, Path.GetFileNameWithoutExtension(pagePath) + "-figures");
        var page = new StringBuilder();
        page.AppendLine($"# {title}").AppendLine();
        page.AppendLine("Generated from the runs' files by `fgcrossnet report --page`; do not edit by hand. To regenerate:").AppendLine();
        page.AppendLine("```bash");
        foreach (var command in commands) page.AppendLine(command);
        page.AppendLine("```").AppendLine();
        page.AppendLine($"Base row: **{report.Base.Label}**. MAP is mean ± sample standard deviation over the row's seeds; Δ is the row's mean minus the base row's; " +
                        $"p is the paired bootstrap test of the row against the base row ({report.Resamples} resamples; each query's AP averaged over seeds, " +
                        "tasks as strata). Accuracy is the final epoch's validation accuracy (mean over seeds); time is the mean wall time of a run's training, which other load on the machine inflates (compare it only between runs made side by side).").AppendLine();
        page.AppendLine("| row | seeds | bi-modal MAP | Δ | p | multi-modal MAP | Δ | p | image acc | text acc | audio acc | video acc | train s |");
        page.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in report.Rows)
        {
            var cells = new List<string> { row.IsBase ? $"**{row.Label}** (base)" : row.Label, ScoreFormat.Integer(row.Runs.Count) };
            foreach (var key in new[] { PaperRetrievalProtocol.BimodalAverageKey, PaperRetrievalProtocol.MultimodalAverageKey })
            {
                var score = row.Scores[key];
                cells.Add(score.Std is { } std ? $"{ScoreFormat.Score(score.Mean)} ± {ScoreFormat.Score(std)}" : ScoreFormat.Score(score.Mean));
                cells.Add(row.IsBase ? "" : Signed(score.Mean - report.Base.Scores[key].Mean));
                cells.Add(score.Test is { } test ? ScoreFormat.PValue(test.BootstrapPValue) : "");
            }
            var summaries = row.Runs.Select(r => ReadSummary(r.Folder)).ToList();
            foreach (var medium in Media.All)
            {
                var values = summaries.Select(s => (double?)s?["final"]?[$"val_acc_{medium.FolderName()}"]?.GetValue<double>()).OfType<double>().ToList();
                cells.Add(values.Count == 0 ? "" : (values.Average() * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %");
            }
            var seconds = summaries.Select(s => (double?)s?["seconds"]?.GetValue<double>()).OfType<double>().ToList();
            cells.Add(seconds.Count == 0 ? "" : seconds.Average().ToString("0", CultureInfo.InvariantCulture));
            page.AppendLine("| " + string.Join(" | ", cells) + " |");
        }
        page.AppendLine();
        page.AppendLine("## The 16 scores").AppendLine();
        page.AppendLine(report.ToMarkdown().Trim()).AppendLine();
        if (withFigure)
        {
            Directory.CreateDirectory(figures);
            var bimodal = MapBarChart.Create(MapSeries.FromAblation(report, PaperRetrievalProtocol.BimodalTasks), FigureStyle.Notebook);
            var multimodal = MapBarChart.Create(MapSeries.FromAblation(report, PaperRetrievalProtocol.MultimodalTasks), FigureStyle.Notebook);
            var names = (Bimodal: Path.Combine(figures, "bimodal.png"), Multimodal: Path.Combine(figures, "multimodal.png"));
            StaticChartExport.SaveAll([(bimodal, names.Bimodal, FigureStyle.Notebook), (multimodal, names.Multimodal, FigureStyle.Notebook)]);
            page.AppendLine("## Figures").AppendLine();
            var relative = Path.GetFileName(figures);
            page.AppendLine("Bi-modal MAP by task, mean over seeds:").AppendLine();
            page.AppendLine($"![Bi-modal MAP by task]({relative}/bimodal.png)").AppendLine();
            page.AppendLine("Multi-modal MAP by task, mean over seeds:").AppendLine();
            page.AppendLine($"![Multi-modal MAP by task]({relative}/multimodal.png)").AppendLine();
        }
        AtomicFile.WriteAllText(pagePath, page.ToString());
    }

    private static JsonNode? ReadSummary(string runFolder)
    {
        var path = Path.Combine(runFolder, RunFolder.SummaryFile);
        return File.Exists(path) ? JsonFileNode.Read(path) : null;
    }

    private static string Signed(double v) => v.ToString("+0.000;−0.000;0.000", CultureInfo.InvariantCulture);

}
