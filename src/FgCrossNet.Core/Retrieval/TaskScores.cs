using FgCrossNet.Core.Statistics;

namespace FgCrossNet.Core.Retrieval;

/// <summary>
/// All scores of one retrieval task. MAP is the paper's metric (see <see cref="RankingMetrics.AveragePrecision"/>),
/// averaged over queries; the others are defined in <see cref="RankingMetrics"/>; <see cref="PrecisionRecall"/> is the
/// 11-point interpolated curve (<see cref="PrecisionRecallCurve"/>).
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
    double[] PerQueryAveragePrecision,
    PrecisionRecallCurve PrecisionRecall)
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
            ap,
            PrecisionRecallCurve.Interpolated(ranks));
    }
}
