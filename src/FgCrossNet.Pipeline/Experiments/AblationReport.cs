using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core.Statistics;
using FgCrossNet.IO;
using MathNet.Numerics.Statistics;

namespace FgCrossNet.Experiments;

/// <summary>
/// The ablation table: runs grouped into rows by their settings (the whole config but seed and name); each row labelled
/// by the settings that differ between rows; for each of the 16 scores and the two averages, mean ± std over seeds and
/// a paired test against the base row (the grid's base row, else the first). The test pairs queries: each query's AP
/// is averaged over the row's seeds (and over the base row's), then <see cref="PairedComparison.CompareStratified"/> with one
/// stratum for a task, and over the 12 (or 4) tasks as strata for an average. The reported p-value is
/// the paired bootstrap one. <see cref="AblationReportFiles"/> renders it as Markdown, LaTeX, CSV and JSON.
/// </summary>
public sealed class AblationReport
{
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
        return PairedComparison.CompareStratified([.. tasks.Select(t => (row[t], baseRow[t]))], resamples, seed: seed);
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
}
