using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core.Statistics;
using FgCrossNet.IO;
using MathNet.Numerics.Statistics;

namespace FgCrossNet.Experiments;

/// <summary>A score of one ablation row: mean and sample standard deviation over the row's seeds, and the paired test against the base row.</summary>
/// <param name="Mean">Mean over the row's runs (seeds) of the run's MAP.</param>
/// <param name="Std">Sample standard deviation (n − 1) over the runs; null with one run.</param>
/// <param name="Test">Null for the base row; otherwise the paired test of (this row − base), see <see cref="AblationReport"/>.</param>
public sealed record AblationScore(double Mean, double? Std, PairedComparisonResult? Test);

/// <summary>One configuration of an ablation: its runs (one per seed) and its scores by key (<see cref="EvaluatedRun.ScoreKeys"/>).</summary>
public sealed record AblationRow(string Label, IReadOnlyList<EvaluatedRun> Runs, IReadOnlyDictionary<string, AblationScore> Scores, bool IsBase);

/// <summary>
/// The ablation table: runs grouped into rows by their settings (the whole config but seed and name); each row labelled
/// by the settings that differ between rows; for each of the 16 scores and the two averages, mean ± std over seeds and
/// a paired test against the base row (the grid's base row, else the first). The test pairs queries: each query's AP
/// is averaged over the row's seeds (and over the base row's), then <see cref="PairedComparison.Compare"/> for a task,
/// and <see cref="PairedComparison.CompareStratified"/> over the 12 (or 4) tasks for an average. The reported p-value is
/// the paired bootstrap one. Written as Markdown (the paper's two tables), LaTeX (booktabs), CSV (one line per row and
/// score: tidy, for notebooks) and JSON; the best mean of every column is marked (bold).
/// </summary>
public sealed class AblationReport
{
    public const string MarkdownFile = "report.md";
    public const string CsvFile = "report.csv";
    public const string LatexFile = "report.tex";
    public const string JsonFile = "report.json";

    private AblationReport(IReadOnlyList<AblationRow> rows, int resamples)
    {
        Rows = rows;
        Resamples = resamples;
    }

    public IReadOnlyList<AblationRow> Rows { get; }

    public int Resamples { get; }

    public AblationRow Base => Rows.First(r => r.IsBase);

    /// <summary>
    /// The report of the evaluated runs under <paramref name="folders"/> (grid folders, run folders, or folders of
    /// runs). A grid folder's runs keep the grid's order and its base row.
    /// </summary>
    public static AblationReport FromFolders(IReadOnlyList<string> folders, int resamples = BootstrapConfidenceInterval.DefaultResamples, int seed = 0)
    {
        var runs = EvaluatedRun.Find(folders);
        string? baseFolder = null;
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var (cell, label) in AblationRunner.ReadCells(folder) ?? [])
            {
                var path = Path.GetFullPath(Path.Combine(folder, cell));
                order.TryAdd(path, order.Count);
                if (label.Length > 0) labels.TryAdd(path, label);
                baseFolder ??= path;
            }
        }
        var ordered = runs.OrderBy(r => order.TryGetValue(r.Folder, out int i) ? i : int.MaxValue).ToList();
        return Build(ordered, ordered.FirstOrDefault(r => r.Folder == baseFolder), resamples, seed, labels);
    }

    /// <summary>
    /// Groups <paramref name="runs"/> into rows (first appearance order) and scores them against the row of
    /// <paramref name="baseRun"/> (default: the first run's). A row is labelled by its first run's entry in
    /// <paramref name="labels"/> (a grid cell's <c>key=value</c> label), else by the settings that differ between rows.
    /// </summary>
    public static AblationReport Build(IReadOnlyList<EvaluatedRun> runs, EvaluatedRun? baseRun = null, int resamples = BootstrapConfidenceInterval.DefaultResamples,
        int seed = 0, IReadOnlyDictionary<string, string>? labels = null)
    {
        if (runs.Count == 0) throw new ArgumentException("No runs to report.", nameof(runs));
        var groups = runs.GroupBy(r => r.SettingsKey).Select(g => g.ToList()).ToList();
        var baseKey = (baseRun ?? runs[0]).SettingsKey;
        var baseGroup = groups.First(g => g[0].SettingsKey == baseKey);
        foreach (var group in groups)
        {
            var seeds = group.Select(r => r.Seed).ToList();
            if (seeds.Distinct().Count() != seeds.Count)
                throw new InvalidInputException(group[0].Folder, $"two runs with the same settings and seed: {string.Join(", ", group.Select(r => r.Folder))}");
        }

        var differing = groups.SelectMany(g => g[0].Settings.Keys).Distinct()
            .Where(k => groups.Select(g => g[0].Settings.GetValueOrDefault(k)).Distinct().Count() > 1)
            .Order(StringComparer.Ordinal).ToList();
        var baseAverages = AveragePerQuery(baseGroup);
        var rows = groups.Select(group =>
        {
            bool isBase = ReferenceEquals(group, baseGroup);
            var label = labels?.GetValueOrDefault(group[0].Folder)
                ?? (differing.Count == 0 ? "base" : string.Join(", ", differing.Select(k => $"{k}={JsonValueText.Plain(group[0].Settings.GetValueOrDefault(k, "-"))}")));
            var averages = AveragePerQuery(group);
            var scores = new Dictionary<string, AblationScore>();
            foreach (var key in EvaluatedRun.ScoreKeys)
            {
                var values = group.Select(r => r.Map[key]).ToArray();
                double? std = values.Length > 1 ? values.StandardDeviation() : null;
                scores[key] = new AblationScore(values.Average(), std, isBase ? null : Test(key, averages, baseAverages, resamples, seed));
            }
            return new AblationRow(label, group, scores, isBase);
        }).ToList();
        return new AblationReport(rows, resamples);
    }

    private static PairedComparisonResult Test(string key, IReadOnlyDictionary<string, double[]> row, IReadOnlyDictionary<string, double[]> baseRow, int resamples, int seed)
    {
        IEnumerable<string> tasks = key switch
        {
            PaperRetrievalProtocol.BimodalAverageKey => PaperRetrievalProtocol.BimodalTasks.Select(t => t.Name),
            PaperRetrievalProtocol.MultimodalAverageKey => PaperRetrievalProtocol.MultimodalTasks.Select(t => t.Name),
            _ => [key],
        };
        var strata = tasks.Select(t => (row[t], baseRow[t])).ToList();
        return strata.Count == 1
            ? PairedComparison.Compare(strata[0].Item1, strata[0].Item2, resamples, seed: seed)
            : PairedComparison.CompareStratified(strata, resamples, seed: seed);
    }

    private static Dictionary<string, double[]> AveragePerQuery(IReadOnlyList<EvaluatedRun> group)
    {
        var result = new Dictionary<string, double[]>();
        foreach (var task in EvaluatedRun.PaperTasks)
        {
            int n = group[0].PerQueryAp[task].Length;
            var sum = new double[n];
            foreach (var run in group)
            {
                var ap = run.PerQueryAp[task];
                if (ap.Length != n)
                    throw new InvalidInputException(run.Folder, $"{task} has {ap.Length} queries, but {group[0].Folder} has {n}: runs of one report must share the test split");
                for (int i = 0; i < n; i++) sum[i] += ap[i] / group.Count;
            }
            result[task] = sum;
        }
        return result;
    }

    /// <summary>Writes report.md, report.tex, report.csv and report.json into <paramref name="folder"/> (each atomically).</summary>
    public void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, MarkdownFile), ToMarkdown());
        AtomicFile.WriteAllText(Path.Combine(folder, LatexFile), ToLatex());
        AtomicFile.WriteAllText(Path.Combine(folder, CsvFile), ToCsv());
        AtomicFile.WriteAllText(Path.Combine(folder, JsonFile), ToJson().ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n");
    }

    private static readonly (string Title, string[] Keys, string Average, string P)[] Tables =
    [
        ("Bi-modal MAP (query->gallery)", PaperRetrievalProtocol.BimodalTasks.Select(t => t.Name).ToArray(), PaperRetrievalProtocol.BimodalAverageKey, "p (bi-modal avg)"),
        ("Multi-modal MAP (query->all media)", PaperRetrievalProtocol.MultimodalTasks.Select(t => t.Name).ToArray(), PaperRetrievalProtocol.MultimodalAverageKey, "p (multi-modal avg)"),
    ];

    /// <summary>The paper's two tables, one line per row: mean ± std over seeds, best in bold, and the p-value of the average against the base row.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Runs: {Rows.Sum(r => r.Runs.Count)} in {Rows.Count} rows; base row: {Base.Label}. Mean ± std over seeds; p: paired bootstrap ({Resamples} resamples) against the base row, queries' AP averaged over seeds.");
        foreach (var (title, keys, average, p) in Tables)
        {
            sb.AppendLine();
            sb.Append("| ").Append(title).Append(" | seeds | ").AppendJoin(" | ", keys).Append(" | Avg | ").Append(p).AppendLine(" |");
            sb.Append("|---|---|").Append(string.Concat(Enumerable.Repeat("---|", keys.Length + 2))).AppendLine();
            foreach (var row in Rows)
            {
                sb.Append("| ").Append(row.IsBase ? $"{row.Label} (base)" : row.Label).Append(" | ").Append(row.Runs.Count).Append(" | ");
                sb.AppendJoin(" | ", keys.Append(average).Select(k => Cell(row, k, bold: v => $"**{v}**", pm: " ± ")));
                sb.Append(" | ").Append(PValue(row, average)).AppendLine(" |");
            }
        }
        return sb.ToString();
    }

    /// <summary>The two tables as LaTeX tabulars with booktabs rules.</summary>
    public string ToLatex()
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
            foreach (var row in Rows)
            {
                sb.Append(Latex(row.IsBase ? $"{row.Label} (base)" : row.Label)).Append(" & ");
                sb.AppendJoin(" & ", keys.Append(average).Select(k => Cell(row, k, bold: v => $"\\textbf{{{v}}}", pm: " $\\pm$ ")));
                sb.Append(" & ").Append(PValue(row, average)).AppendLine(" \\\\");
            }
            sb.AppendLine("\\bottomrule");
            sb.AppendLine("\\end{tabular}");
        }
        return sb.ToString();
    }

    /// <summary>One line per row and score: row,label,is_base,seeds,score,mean,std,p_bootstrap,p_permutation,mean_difference,diff_ci_low,diff_ci_high.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder("row,label,is_base,seeds,score,mean,std,p_bootstrap,p_permutation,mean_difference,diff_ci_low,diff_ci_high\n");
        for (int i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            foreach (var key in EvaluatedRun.ScoreKeys)
            {
                var s = row.Scores[key];
                sb.AppendJoin(',', [
                    I(i), Csv(row.Label), row.IsBase ? "true" : "false", I(row.Runs.Count), key, R(s.Mean), R(s.Std),
                    R(s.Test?.BootstrapPValue), R(s.Test?.PermutationPValue), R(s.Test?.MeanDifference),
                    R(s.Test?.DifferenceInterval.Low), R(s.Test?.DifferenceInterval.High)]);
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    public JsonObject ToJson() => new()
    {
        ["base"] = Base.Label,
        ["resamples"] = Resamples,
        ["rows"] = new JsonArray(Rows.Select(row => (JsonNode)new JsonObject
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

    private string Cell(AblationRow row, string key, Func<string, string> bold, string pm)
    {
        var s = row.Scores[key];
        var text = s.Std is { } std ? $"{F(s.Mean)}{pm}{F(std)}" : F(s.Mean);
        double best = Rows.Max(r => r.Scores[key].Mean);
        return Rows.Count > 1 && s.Mean == best ? bold(text) : text;
    }

    private static string PValue(AblationRow row, string key) =>
        row.Scores[key].Test is { } t ? t.BootstrapPValue.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string R(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Csv(string text) => text.Contains(',') || text.Contains('"') ? $"\"{text.Replace("\"", "\"\"")}\"" : text;

    private static string Latex(string text) => text.Replace("_", "\\_").Replace("%", "\\%").Replace("&", "\\&").Replace("#", "\\#");
}
