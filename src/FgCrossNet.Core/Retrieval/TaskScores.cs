using FgCrossNet.Core.Statistics;

namespace FgCrossNet.Core.Retrieval;

/// <summary>Options of <see cref="TaskScores.Compute"/>.</summary>
/// <param name="Ks">The K values of Precision@K and Recall@K.</param>
/// <param name="BootstrapResamples">Resamples of the confidence intervals; 0 to skip them.</param>
/// <param name="ConfidenceLevel">Two-sided level of the intervals.</param>
/// <param name="Seed">Seed of the bootstrap.</param>
public sealed record ScoreOptions(int[] Ks, int BootstrapResamples = 0, double ConfidenceLevel = 0.95, int Seed = 0)
{
    public static ScoreOptions Default { get; } = new([1, 5, 10, 50]);
}

/// <summary>
/// All scores of one retrieval task. MAP is the paper's metric (see <see cref="RankingMetrics.AveragePrecision"/>),
/// averaged over queries; the others are defined in <see cref="RankingMetrics"/>.
/// </summary>
public sealed record TaskScores(
    RetrievalTask Task,
    int Queries,
    double Map,
    ConfidenceInterval? MapInterval,
    double MapAtR,
    double RPrecision,
    IReadOnlyDictionary<int, double> PrecisionAtK,
    IReadOnlyDictionary<int, double> RecallAtK,
    double ClassBalancedMap,
    IReadOnlyDictionary<int, double> PerClassMap,
    double[] PerQueryAveragePrecision)
{
    public static TaskScores Compute(RetrievalTask task, RelevantRanks ranks, ScoreOptions options)
    {
        var ap = ranks.PerQuery(RankingMetrics.AveragePrecision);
        var labels = ranks.QueryLabels;
        ConfidenceInterval? interval = options.BootstrapResamples > 0
            ? BootstrapConfidenceInterval.OfMean(ap, options.BootstrapResamples, options.ConfidenceLevel, options.Seed)
            : null;
        return new TaskScores(
            task,
            ranks.QueryCount,
            RankingMetrics.Mean(ap),
            interval,
            RankingMetrics.Mean(ranks.PerQuery(RankingMetrics.AveragePrecisionAtR)),
            RankingMetrics.Mean(ranks.PerQuery(RankingMetrics.RPrecision)),
            options.Ks.ToDictionary(k => k, k => RankingMetrics.Mean(ranks.PerQuery(r => RankingMetrics.PrecisionAtK(r, k)))),
            options.Ks.ToDictionary(k => k, k => RankingMetrics.Mean(ranks.PerQuery(r => RankingMetrics.RecallAtK(r, k)))),
            RankingMetrics.ClassBalancedMean(ap, labels),
            RankingMetrics.PerClassMean(ap, labels),
            ap);
    }
}

/// <summary>
/// The paper's score table for a set of media: MAP of the 12 bi-modal and 4 multi-modal tasks (those whose media are
/// present), their averages, and the within-medium tasks as extras, each with the full <see cref="TaskScores"/>.
/// </summary>
public sealed class CrossMediaScoreCard
{
    private CrossMediaScoreCard(IReadOnlyList<TaskScores> tasks, bool excludeSelf, ScoreOptions options)
    {
        Tasks = tasks;
        ExcludeSelf = excludeSelf;
        Options = options;
    }

    /// <summary>Bi-modal, then multi-modal, then within-medium tasks, each in the paper's order.</summary>
    public IReadOnlyList<TaskScores> Tasks { get; }

    public bool ExcludeSelf { get; }

    public ScoreOptions Options { get; }

    public IEnumerable<TaskScores> Bimodal => Tasks.Where(t => t.Task.IsBimodal);

    public IEnumerable<TaskScores> Multimodal => Tasks.Where(t => t.Task.IsMultimodal);

    public IEnumerable<TaskScores> WithinMedium => Tasks.Where(t => t.Task.IsWithinMedium);

    /// <summary>Mean MAP of the bi-modal tasks present (the paper's 12-task average when all four media are present).</summary>
    public double BimodalAverage => Bimodal.Select(t => t.Map).DefaultIfEmpty(0).Average();

    /// <summary>Mean MAP of the multi-modal tasks present (the paper's 4-task average when all four media are present).</summary>
    public double MultimodalAverage => Multimodal.Select(t => t.Map).DefaultIfEmpty(0).Average();

    public TaskScores this[RetrievalTask task] => Tasks.First(t => t.Task == task);

    public static CrossMediaScoreCard Compute(CrossMediaRankings rankings, ScoreOptions? options = null)
    {
        options ??= ScoreOptions.Default;
        var order = PaperRetrievalProtocol.BimodalTasks
            .Concat(PaperRetrievalProtocol.MultimodalTasks)
            .Concat(PaperRetrievalProtocol.WithinMediumTasks)
            .Where(rankings.Tasks.ContainsKey)
            .ToArray();
        var scores = new TaskScores[order.Length];
        Parallel.For(0, order.Length, i => scores[i] = TaskScores.Compute(order[i], rankings[order[i]], options));
        return new CrossMediaScoreCard(scores, rankings.ExcludeSelf, options);
    }
}
