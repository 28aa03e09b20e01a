using System.Globalization;
using System.Text.Json.Nodes;
using System.Text;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.Evaluation;
using FgCrossNet.IO;

namespace FgCrossNet.Experiments;

/// <summary>
/// The files of an <see cref="AblationReport"/>: Markdown (the paper's two tables), LaTeX (booktabs), CSV (one line per
/// row and score: tidy, for notebooks) and JSON; in the tables the best mean of every column is bold.
/// </summary>
public static class AblationReportFiles
{
    public const string MarkdownFile = "report.md";
    public const string CsvFile = "report.csv";
    public const string LatexFile = "report.tex";
    public const string JsonFile = "report.json";

    /// <summary>
    /// The report of the evaluated runs under <paramref name="runFolders"/> (<see cref="AblationReport.FromFolders"/>),
    /// written into <paramref name="outFolder"/>; <paramref name="log"/> gets the Markdown tables and where the files are.
    /// </summary>
    public static AblationReport WriteReport(IReadOnlyList<string> runFolders, string outFolder, int resamples, Action<string>? log = null)
    {
        if (resamples < 1) throw new ArgumentException($"resamples must be at least 1, not {resamples}");
        var report = AblationReport.FromFolders(runFolders, resamples);
        report.Write(outFolder);
        log?.Invoke(report.ToMarkdown());
        log?.Invoke($"report: {Path.Combine(outFolder, MarkdownFile)} (also {LatexFile}, {CsvFile}, {JsonFile})");
        return report;
    }

    /// <summary>Writes report.md, report.tex, report.csv and report.json into <paramref name="folder"/> (each atomically).</summary>
    public static void Write(this AblationReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, MarkdownFile), report.ToMarkdown());
        AtomicFile.WriteAllText(Path.Combine(folder, LatexFile), report.ToLatex());
        AtomicFile.WriteAllText(Path.Combine(folder, CsvFile), report.ToCsv());
        JsonFileNode.Write(Path.Combine(folder, JsonFile), report.ToJson(), minimalEscaping: true);
    }

    private static readonly (string Title, string[] Keys, string Average, string P)[] Tables =
    [
        ("Bi-modal MAP (query->gallery)", PaperRetrievalProtocol.BimodalTasks.Select(t => t.Name).ToArray(), PaperRetrievalProtocol.BimodalAverageKey, "p (bi-modal avg)"),
        ("Multi-modal MAP (query->all media)", PaperRetrievalProtocol.MultimodalTasks.Select(t => t.Name).ToArray(), PaperRetrievalProtocol.MultimodalAverageKey, "p (multi-modal avg)"),
    ];

    /// <summary>The paper's two tables, one line per row: mean ± std over seeds, best in bold, and the p-value of the average against the base row.</summary>
    public static string ToMarkdown(this AblationReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Runs: {report.Rows.Sum(r => r.Runs.Count)} in {report.Rows.Count} rows; base row: {report.Base.Label}. Mean ± std over seeds; p: paired bootstrap ({report.Resamples} resamples) against the base row, queries' AP averaged over seeds.");
        foreach (var (title, keys, average, p) in Tables)
        {
            sb.AppendLine();
            sb.Append("| ").Append(title).Append(" | seeds | ").AppendJoin(" | ", keys).Append(" | Avg | ").Append(p).AppendLine(" |");
            sb.Append("|---|---|").Append(string.Concat(Enumerable.Repeat("---|", keys.Length + 2))).AppendLine();
            foreach (var row in report.Rows)
            {
                sb.Append("| ").Append(row.IsBase ? $"{row.Label} (base)" : row.Label).Append(" | ").Append(row.Runs.Count).Append(" | ");
                sb.AppendJoin(" | ", keys.Append(average).Select(k => Cell(report, row, k, bold: v => $"**{v}**", pm: " ± ")));
                sb.Append(" | ").Append(PValue(row, average)).AppendLine(" |");
            }
        }
        return sb.ToString();
    }

    /// <summary>The two tables as LaTeX tabulars with booktabs rules.</summary>
    public static string ToLatex(this AblationReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine("% FgCrossNet ablation report: mean \\pm std over seeds; best in bold; p: paired bootstrap against the base row.");
        sb.AppendLine("% \\usepackage{booktabs}");
        foreach (var (title, keys, average, p) in Tables)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"% {title}");
            sb.Append("\\begin{tabular}{l").Append('c', keys.Length + 2).AppendLine("}");
            sb.AppendLine("\\toprule");
            sb.Append("Configuration & ").AppendJoin(" & ", keys.Select(k => Latex(k.Replace("->", "$\\to$")))).Append(" & Avg & $p$ \\\\").AppendLine();
            sb.AppendLine("\\midrule");
            foreach (var row in report.Rows)
            {
                sb.Append(Latex(row.IsBase ? $"{row.Label} (base)" : row.Label)).Append(" & ");
                sb.AppendJoin(" & ", keys.Append(average).Select(k => Cell(report, row, k, bold: v => $"\\textbf{{{v}}}", pm: " $\\pm$ ")));
                sb.Append(" & ").Append(PValue(row, average)).AppendLine(" \\\\");
            }
            sb.AppendLine("\\bottomrule");
            sb.AppendLine("\\end{tabular}");
        }
        return sb.ToString();
    }

    /// <summary>One line per row and score: row,label,is_base,seeds,score,mean,std,p_bootstrap,p_permutation,mean_difference,diff_ci_low,diff_ci_high.</summary>
    public static string ToCsv(this AblationReport report)
    {
        var sb = new StringBuilder("row,label,is_base,seeds,score,mean,std,p_bootstrap,p_permutation,mean_difference,diff_ci_low,diff_ci_high\n");
        for (int i = 0; i < report.Rows.Count; i++)
        {
            var row = report.Rows[i];
            foreach (var key in EvaluatedRun.ScoreKeys)
            {
                var s = row.Scores[key];
                sb.AppendJoin(',', [
                    ScoreFormat.Integer(i), Csv(row.Label), row.IsBase ? "true" : "false", ScoreFormat.Integer(row.Runs.Count), key, RoundTrip(s.Mean), RoundTrip(s.Std),
                    RoundTrip(s.Test?.BootstrapPValue), RoundTrip(s.Test?.PermutationPValue), RoundTrip(s.Test?.MeanDifference),
                    RoundTrip(s.Test?.DifferenceInterval.Low), RoundTrip(s.Test?.DifferenceInterval.High)]);
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    public static JsonObject ToJson(this AblationReport report) => new()
    {
        ["base"] = report.Base.Label,
        ["resamples"] = report.Resamples,
        ["rows"] = new JsonArray(report.Rows.Select(row => (JsonNode)new JsonObject
        {
            ["label"] = row.Label,
            ["is_base"] = row.IsBase,
            ["runs"] = new JsonArray(row.Runs.Select(r => (JsonNode)new JsonObject { ["folder"] = r.Folder, ["seed"] = r.Seed }).ToArray()),
            ["scores"] = new JsonObject(row.Scores.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonObject
            {
                ["mean"] = kv.Value.Mean,
                ["std"] = kv.Value.Std,
                ["p_bootstrap"] = kv.Value.Test?.BootstrapPValue,
                ["p_permutation"] = kv.Value.Test?.PermutationPValue,
                ["mean_difference"] = kv.Value.Test?.MeanDifference,
            }))),
        }).ToArray()),
    };

    private static string Cell(AblationReport report, AblationRow row, string key, Func<string, string> bold, string pm)
    {
        var s = row.Scores[key];
        var text = s.Std is { } std ? $"{ScoreFormat.Score(s.Mean)}{pm}{ScoreFormat.Score(std)}" : ScoreFormat.Score(s.Mean);
        double best = report.Rows.Max(r => r.Scores[key].Mean);
        return report.Rows.Count > 1 && s.Mean == best ? bold(text) : text;
    }

    private static string PValue(AblationRow row, string key) =>
        row.Scores[key].Test is { } t ? t.BootstrapPValue.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string RoundTrip(double? v) => v is { } value ? ScoreFormat.RoundTrip(value) : "";

    private static string Csv(string text) => text.Contains(',') || text.Contains('"') ? $"\"{text.Replace("\"", "\"\"")}\"" : text;

    private static string Latex(string text) => text.Replace("_", "\\_").Replace("%", "\\%").Replace("&", "\\&").Replace("#", "\\#");
}
