using FgCrossNet.Core.Retrieval;
using FgCrossNet.Experiments;
using FgCrossNet.Figures;

namespace FgCrossNet.Pipeline.Tests.Figures;

public class MapSeriesTests
{
    private static EvaluatedRun Run(string folder, int seed, string rankingWeight, double map)
    {
        var keys = EvaluatedRun.ScoreKeys.Select((k, i) => (k, i)).ToArray();
        var scores = keys.ToDictionary(x => x.k, x => map + x.i / 1000.0);
        var perQuery = EvaluatedRun.PaperTasks.ToDictionary(t => t, t => new[] { scores[t], scores[t] });
        var settings = new Dictionary<string, string> { ["stage2.ranking_weight"] = rankingWeight };
        return new EvaluatedRun(folder, seed, settings, scores, perQuery);
    }

    [Fact]
    public void An_ablation_report_gives_one_series_per_row_with_the_mean_over_seeds_and_the_row_average()
    {
        var report = AblationReport.Build([Run("a0", 0, "0.1", 0.5), Run("a1", 1, "0.1", 0.7), Run("b0", 0, "0", 0.2)], resamples: 50);

        var bimodal = MapSeries.FromAblation(report, PaperRetrievalProtocol.BimodalTasks);
        Assert.Equal(["stage2.ranking_weight=0.1 (base)", "stage2.ranking_weight=0"], bimodal.Select(s => s.Name));
        Assert.Equal(PaperRetrievalProtocol.BimodalTasks, bimodal[0].Scores.Select(s => s.Task));
        Assert.Equal(0.6 + 1 / 1000.0, bimodal[0].Scores[1].Map, 12); // I->A is the second key
        Assert.Equal(0.2, bimodal[1].Scores[0].Map, 12);
        Assert.All(bimodal.SelectMany(s => s.Scores), s => Assert.Null(s.Interval));
        Assert.Equal(0.6 + 16 / 1000.0, bimodal[0].ReportedAverage, 12); // bimodal_avg is the 17th key

        var multimodal = MapSeries.FromAblation(report, PaperRetrievalProtocol.MultimodalTasks);
        Assert.Equal(0.2 + 17 / 1000.0, multimodal[1].ReportedAverage, 12);

        var some = MapSeries.FromAblation(report, [new RetrievalTask(Core.Medium.Text, Core.Medium.Image)]);
        Assert.Null(some[0].Average);
    }
}
