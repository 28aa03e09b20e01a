using System.Globalization;
using System.Text;
using FgCrossNet.Core.Statistics;
using FgCrossNet.Evaluation;

namespace FgCrossNet.Figures;

/// <summary>
/// A table of MAP scores for papers and reports: one row per method (<see cref="MapSeries"/>), one column per task of
/// the first row plus the average, as Markdown, CSV or LaTeX (booktabs). Scores have three decimals; a confidence
/// interval, when the score has one, follows it in brackets (CSV: two extra columns per task).
/// </summary>
public sealed class MapTable
{
    public MapTable(string title, IReadOnlyList<MapSeries> rows)
    {
        if (rows.Count == 0 || rows[0].Scores.Count == 0) throw new ArgumentException("At least one row with scores is needed.", nameof(rows));
        Title = title;
        Rows = rows;
        Tasks = [.. rows[0].Scores.Select(s => s.Task.Name)];
    }

    /// <summary>The paper's first table: the 12 bi-modal tasks of <paramref name="card"/>, optionally with the published row below.</summary>
    public static MapTable Bimodal(Core.Retrieval.CrossMediaScoreCard card, string name = "ours", bool withPublished = true) =>
        Of("Bi-modal MAP", new MapSeries(name, Evaluation.TaskMapScore.Bimodal(card), card.BimodalAverage), withPublished);

    /// <summary>The paper's second table: the 4 X->All tasks of <paramref name="card"/>, optionally with the published row below.</summary>
    public static MapTable Multimodal(Core.Retrieval.CrossMediaScoreCard card, string name = "ours", bool withPublished = true) =>
        Of("Multi-modal MAP", new MapSeries(name, Evaluation.TaskMapScore.Multimodal(card), card.MultimodalAverage), withPublished);

    private static MapTable Of(string title, MapSeries ours, bool withPublished) =>
        new(title, withPublished ? [ours, MapSeries.Published(ours.Scores)] : [ours]);

    /// <summary>What the table holds, e.g. "Bi-modal MAP".</summary>
    public string Title { get; }

    public IReadOnlyList<MapSeries> Rows { get; }

    /// <summary>Task names of the columns (the average column comes after them).</summary>
    public IReadOnlyList<string> Tasks { get; }

    /// <summary>Name of the average column.</summary>
    public const string AverageColumn = "Avg";

    /// <summary>A GitHub-flavoured Markdown table.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append("| ").Append(Title).Append(" | ").AppendJoin(" | ", Tasks).Append(" | ").Append(AverageColumn).AppendLine(" |");
        sb.Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", Tasks.Count + 1))).AppendLine();
        foreach (var row in Rows)
        {
            sb.Append("| ").Append(row.Name.Replace("|", "\\|", StringComparison.Ordinal)).Append(" | ");
            sb.AppendJoin(" | ", Tasks.Select(t => Cell(row, t, ci => $" [{ScoreFormat.Score(ci.Low)}, {ScoreFormat.Score(ci.High)}]")));
            sb.Append(" | ").Append(ScoreFormat.Score(row.ReportedAverage)).AppendLine(" |");
        }
        return sb.ToString();
    }

    /// <summary>An HTML table (for notebooks; cells and names HTML-encoded).</summary>
    public string ToHtml()
    {
        static string E(string s) => System.Net.WebUtility.HtmlEncode(s);
        var sb = new StringBuilder("<table><thead><tr><th>").Append(E(Title)).Append("</th>");
        foreach (var c in Tasks.Concat([AverageColumn])) sb.Append("<th>").Append(E(c)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            sb.Append("<tr><td>").Append(E(row.Name)).Append("</td>");
            foreach (var t in Tasks) sb.Append("<td>").Append(E(Cell(row, t, ci => $" [{ScoreFormat.Score(ci.Low)}, {ScoreFormat.Score(ci.High)}]"))).Append("</td>");
            sb.Append("<td>").Append(ScoreFormat.Score(row.ReportedAverage)).Append("</td></tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>CSV (RFC 4180, invariant culture): method, then per task its MAP and its interval's low and high ends (empty without one), then the average.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder("method");
        foreach (var t in Tasks) sb.Append(',').Append(t).Append(',').Append(t).Append("_ci_low,").Append(t).Append("_ci_high");
        sb.Append(',').Append(AverageColumn).Append("\r\n");
        foreach (var row in Rows)
        {
            sb.Append(CsvField(row.Name));
            foreach (var t in Tasks)
            {
                var score = Find(row, t);
                sb.Append(',').Append(score is null ? "" : ScoreFormat.RoundTrip(score.Map));
                sb.Append(',').Append(score?.Interval is { } ci ? ScoreFormat.RoundTrip(ci.Low) : "");
                sb.Append(',').Append(score?.Interval is { } ci2 ? ScoreFormat.RoundTrip(ci2.High) : "");
            }
            sb.Append(',').Append(ScoreFormat.RoundTrip(row.ReportedAverage)).Append("\r\n");
        }
        return sb.ToString();
    }

    /// <summary>
    /// A LaTeX <c>table</c> with a booktabs <c>tabular</c> (needs <c>\usepackage{booktabs}</c>): task arrows as
    /// <c>$\rightarrow$</c>, the best score of each column in bold when there are several rows, intervals in
    /// <c>\scriptsize</c> beside the score.
    /// </summary>
    public string ToLatex(string? caption = null, string? label = null)
    {
        var columns = Tasks.Concat([AverageColumn]).ToArray();
        var best = columns.Select(c => Rows.Count > 1 ? Rows.Max(r => Value(r, c) ?? double.NegativeInfinity) : double.NaN).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine("\\begin{table}[t]").AppendLine("\\centering");
        if (caption is not null) sb.Append("\\caption{").Append(Escape(caption)).AppendLine("}");
        if (label is not null) sb.Append("\\label{").Append(label).AppendLine("}");
        sb.Append("\\begin{tabular}{l").Append(new string('c', columns.Length)).AppendLine("}");
        sb.AppendLine("\\toprule");
        sb.Append(Escape(Title)).Append(" & ").AppendJoin(" & ", columns.Select(c => Escape(c).Replace("->", "$\\rightarrow$", StringComparison.Ordinal))).AppendLine(" \\\\");
        sb.AppendLine("\\midrule");
        foreach (var row in Rows)
        {
            sb.Append(Escape(row.Name));
            for (int c = 0; c < columns.Length; c++)
            {
                var value = Value(row, columns[c]);
                sb.Append(" & ");
                if (value is null) continue;
                var text = ScoreFormat.Score(value.Value);
                sb.Append(value.Value == best[c] ? $"\\textbf{{{text}}}" : text);
                if (c < Tasks.Count && Find(row, columns[c])?.Interval is { } ci)
                    sb.Append($" {{\\scriptsize [{ScoreFormat.Score(ci.Low)}, {ScoreFormat.Score(ci.High)}]}}");
            }
            sb.AppendLine(" \\\\");
        }
        sb.AppendLine("\\bottomrule").AppendLine("\\end{tabular}").AppendLine("\\end{table}");
        return sb.ToString();
    }

    private double? Value(MapSeries row, string column) => column == AverageColumn ? row.ReportedAverage : Find(row, column)?.Map;

    private static Evaluation.TaskMapScore? Find(MapSeries row, string task) => row.Scores.FirstOrDefault(s => s.Task.Name == task);

    private static string Cell(MapSeries row, string task, Func<ConfidenceInterval, string> interval) =>
        Find(row, task) is { } s ? ScoreFormat.Score(s.Map) + (s.Interval is { } ci ? interval(ci) : "") : "";

    private static string CsvField(string s) => s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>Escapes LaTeX's special characters in plain text.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
            sb.Append(ch switch
            {
                '\\' => "\\textbackslash{}",
                '&' or '%' or '$' or '#' or '_' or '{' or '}' => "\\" + ch,
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                _ => ch.ToString(),
            });
        return sb.ToString();
    }
}
