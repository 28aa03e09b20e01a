using FgCrossNet.Core.Retrieval;

namespace FgCrossNet.Core.Tests.Retrieval;

public class RankingMetricsTests
{
    // Relevant items at ranks 1, 3 and 6 of the ranking: precisions 1/1, 2/3, 3/6.
    private static readonly int[] Ranks = [1, 3, 6];

    [Fact]
    public void AveragePrecision_is_the_mean_precision_at_the_relevant_ranks()
        => Assert.Equal((1.0 + 2.0 / 3 + 3.0 / 6) / 3, RankingMetrics.AveragePrecision(Ranks), 12);

    [Fact]
    public void MapAtR_counts_only_the_top_R_positions_and_divides_by_R()
        => Assert.Equal((1.0 + 2.0 / 3) / 3, RankingMetrics.AveragePrecisionAtR(Ranks), 12); // R = 3: rank 6 is outside

    [Fact]
    public void RPrecision_is_the_relevant_fraction_of_the_top_R()
        => Assert.Equal(2.0 / 3, RankingMetrics.RPrecision(Ranks), 12);

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 0.5)]
    [InlineData(3, 2.0 / 3)]
    [InlineData(10, 0.3)]
    public void PrecisionAtK_divides_by_K(int k, double expected)
        => Assert.Equal(expected, RankingMetrics.PrecisionAtK(Ranks, k), 12);

    [Theory]
    [InlineData(new[] { 1, 3 }, 1, 1.0)]
    [InlineData(new[] { 2, 3 }, 1, 0.0)]
    [InlineData(new[] { 2, 3 }, 2, 1.0)]
    public void RecallAtK_is_a_hit_when_any_relevant_item_is_in_the_top_K(int[] ranks, int k, double expected)
        => Assert.Equal(expected, RankingMetrics.RecallAtK(ranks, k));

    [Fact]
    public void A_query_without_relevant_items_scores_zero_everywhere()
    {
        Assert.Equal(0, RankingMetrics.AveragePrecision([]));
        Assert.Equal(0, RankingMetrics.AveragePrecisionAtR([]));
        Assert.Equal(0, RankingMetrics.RPrecision([]));
        Assert.Equal(0, RankingMetrics.PrecisionAtK([], 5));
        Assert.Equal(0, RankingMetrics.RecallAtK([], 5));
    }

    [Fact]
    public void Perfect_ranking_scores_one()
    {
        int[] perfect = [1, 2, 3, 4];
        Assert.Equal(1, RankingMetrics.AveragePrecision(perfect));
        Assert.Equal(1, RankingMetrics.AveragePrecisionAtR(perfect));
        Assert.Equal(1, RankingMetrics.RPrecision(perfect));
    }

    [Fact]
    public void Class_balanced_mean_weighs_each_class_equally()
    {
        double[] values = [1, 1, 1, 0];
        int[] labels = [0, 0, 0, 1];
        Assert.Equal(0.75, RankingMetrics.Mean(values), 12);
        Assert.Equal(0.5, RankingMetrics.ClassBalancedMean(values, labels), 12);
        var perClass = RankingMetrics.PerClassMean(values, labels);
        Assert.Equal(new[] { 0, 1 }, perClass.Keys);
        Assert.Equal(new[] { 1.0, 0.0 }, perClass.Values);
    }
}
