using FgCrossNet.Core.Retrieval;

namespace FgCrossNet.Core.Tests.Retrieval;

/// <summary>
/// At the FG-XMedia test size (image 5,794, text 4,000, audio 6,000, video 5,682; 200-d; 200 classes), the scores of
/// sampled queries equal the float64 oracle's within 1e-6 for all 16 paper tasks.
/// </summary>
public class FgXMediaSizeOracleTests
{
    private const int SampledQueriesPerMedium = 30;

    [Fact]
    public void Paper_tasks_match_the_oracle_on_sampled_queries()
    {
        int[] counts = [5794, 4000, 6000, 5682];
        var media = Media.All.Select((m, i) => RandomFeatures.Make(m, counts[i], 200, 200, seed: 10 + i, signal: 0.5)).ToArray();
        var rankings = CrossMediaRankings.Compute(media);

        var stacked = media.SelectMany(m => RandomFeatures.Rows(m.Features)).ToArray();
        var labels = media.SelectMany(m => m.Labels).ToArray();
        var starts = new[] { 0, 5794, 9794, 15794, stacked.Length };
        var rng = new Random(7);
        var tasks = PaperRetrievalProtocol.BimodalTasks.Concat(PaperRetrievalProtocol.MultimodalTasks).ToArray();
        var oracleAp = tasks.ToDictionary(t => t, _ => new List<double>());
        var oracleMapAtR = tasks.ToDictionary(t => t, _ => new List<double>());
        var oursAp = tasks.ToDictionary(t => t, _ => new List<double>());
        var oursMapAtR = tasks.ToDictionary(t => t, _ => new List<double>());

        for (int qi = 0; qi < 4; qi++)
        {
            var sample = Enumerable.Range(0, counts[qi]).OrderBy(_ => rng.Next()).Take(SampledQueriesPerMedium);
            foreach (var q in sample)
            {
                int self = starts[qi] + q;
                var (_, order) = RetrievalOracle.Rank(stacked[self], stacked);
                foreach (var task in tasks.Where(t => (int)t.Query == qi))
                {
                    // A single-medium gallery's order is the full order restricted to that medium (same keys, same tie-break).
                    var taskOrder = task.Gallery is { } g
                        ? order.Where(i => i >= starts[(int)g] && i < starts[(int)g + 1]).ToArray()
                        : order;
                    oracleAp[task].Add(RetrievalOracle.AveragePrecision(taskOrder, labels, labels[self]));
                    oracleMapAtR[task].Add(RankingMetrics.AveragePrecisionAtR(RetrievalOracle.RelevantRanks(taskOrder, labels, labels[self])));
                    oursAp[task].Add(RankingMetrics.AveragePrecision(rankings[task].For(q)));
                    oursMapAtR[task].Add(RankingMetrics.AveragePrecisionAtR(rankings[task].For(q)));
                }
            }
        }

        foreach (var task in tasks)
        {
            Assert.Equal(oracleAp[task].Average(), oursAp[task].Average(), 1e-6);
            Assert.Equal(oracleMapAtR[task].Average(), oursMapAtR[task].Average(), 1e-6);
        }
        // The features must leave room both ways, or the comparison proves little.
        var map = RankingMetrics.Mean(rankings[tasks[0]].PerQuery(RankingMetrics.AveragePrecision));
        Assert.InRange(map, 0.02, 0.9);
    }
}
