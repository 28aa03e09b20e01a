using FgCrossNet.Core.Retrieval;

namespace FgCrossNet.Core.Tests.Retrieval;

public class CrossMediaRankingsTests
{
    private static MediumFeatures[] SmallSet(int dim = 16, int classes = 8) =>
    [
        RandomFeatures.Make(Medium.Image, 61, classes, dim, seed: 1),
        RandomFeatures.Make(Medium.Text, 40, classes, dim, seed: 2),
        RandomFeatures.Make(Medium.Audio, 73, classes, dim, seed: 3),
        RandomFeatures.Make(Medium.Video, 50, classes, dim, seed: 4),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_task_matches_the_float64_oracle(bool excludeSelf)
    {
        var media = SmallSet();
        var rankings = CrossMediaRankings.Compute(media, excludeSelf);
        var stacked = media.SelectMany(m => RandomFeatures.Rows(m.Features)).ToArray();
        var stackedLabels = media.SelectMany(m => m.Labels).ToArray();
        var starts = new[] { 0, 61, 101, 174 };

        int compared = 0, checkedExactly = 0;
        foreach (var (task, ranks) in rankings.Tasks)
        {
            int qi = (int)task.Query;
            double oracleMap = 0, oracleMapAtR = 0;
            for (int q = 0; q < media[qi].Count; q++)
            {
                int self = starts[qi] + q;
                // Gallery: one segment, or everything; the query's own item is left out only in galleries that hold it.
                int[] galleryIndices = task.Gallery is { } g
                    ? Enumerable.Range(starts[(int)g], media[(int)g].Count).ToArray()
                    : Enumerable.Range(0, stacked.Length).ToArray();
                int excluded = excludeSelf ? Array.IndexOf(galleryIndices, self) : -1;
                var gallery = galleryIndices.Select(i => stacked[i]).ToArray();
                var labels = galleryIndices.Select(i => stackedLabels[i]).ToArray();
                var (dist, order) = RetrievalOracle.Rank(stacked[self], gallery, excluded);
                int label = stackedLabels[self];
                var expected = RetrievalOracle.RelevantRanks(order, labels, label);
                oracleMap += RetrievalOracle.AveragePrecision(order, labels, label);
                oracleMapAtR += RankingMetrics.AveragePrecisionAtR(expected);
                if (RetrievalOracle.SmallestRelevantGap(dist, order, labels, label) > 1e-5)
                {
                    Assert.Equal(expected, ranks.For(q).ToArray());
                    checkedExactly++;
                }
                compared++;
            }
            int n = media[qi].Count;
            Assert.Equal(oracleMap / n, RankingMetrics.Mean(ranks.PerQuery(RankingMetrics.AveragePrecision)), 1e-6);
            Assert.Equal(oracleMapAtR / n, RankingMetrics.Mean(ranks.PerQuery(RankingMetrics.AveragePrecisionAtR)), 1e-6);
        }
        Assert.Equal(5 * 224, compared); // each query in 4 single-medium galleries and in All
        Assert.True(checkedExactly > 0.9 * compared, $"only {checkedExactly} of {compared} queries were free of near-ties");
    }

    [Fact]
    public void Ties_are_broken_by_gallery_index()
    {
        // Image queries [1,0]; text gallery: three items identical to the query (similarity exactly 1) and one orthogonal.
        float[] q = [1, 0];
        var image = new MediumFeatures(Medium.Image, FeatureMatrix.FromRows([q]), [0]);
        var text = new MediumFeatures(Medium.Text, FeatureMatrix.FromRows([[1, 0], [0, 1], [2, 0], [3, 0]]), [1, 0, 0, 1]);
        var rankings = CrossMediaRankings.Compute([image, text]);
        // Order: t0 (sim 1, label 1), t2 (sim 1, label 0), t3 (sim 1, label 1), t1 (sim 0, label 0).
        Assert.Equal(new[] { 2, 4 }, rankings[new(Medium.Image, Medium.Text)].For(0).ToArray());
        // All = [image q, t0, t1, t2, t3]: q ranks first among equals (lowest index), so text items shift by one.
        Assert.Equal(new[] { 1, 3, 5 }, rankings[new(Medium.Image, null)].For(0).ToArray());
    }

    [Fact]
    public void Exclude_self_removes_the_query_from_galleries_that_hold_it_only()
    {
        float[] a = [1, 0], b = [0.9f, 0.1f];
        var image = new MediumFeatures(Medium.Image, FeatureMatrix.FromRows([a, b]), [0, 0]);
        var text = new MediumFeatures(Medium.Text, FeatureMatrix.FromRows([b]), [0]);
        var included = CrossMediaRankings.Compute([image, text], excludeSelf: false);
        var excluded = CrossMediaRankings.Compute([image, text], excludeSelf: true);
        // All = [a, b, t]; query a: a first, then b and t tie (same vector): b has the lower index.
        Assert.Equal(new[] { 1, 2, 3 }, included[new(Medium.Image, null)].For(0).ToArray());
        Assert.Equal(new[] { 1, 2 }, excluded[new(Medium.Image, null)].For(0).ToArray());
        Assert.Equal(new[] { 1, 2 }, included[new(Medium.Image, Medium.Image)].For(0).ToArray());
        Assert.Equal(new[] { 1 }, excluded[new(Medium.Image, Medium.Image)].For(0).ToArray());
        Assert.Equal(included[new(Medium.Image, Medium.Text)].For(0).ToArray(), excluded[new(Medium.Image, Medium.Text)].For(0).ToArray());
    }

    [Fact]
    public void A_zero_feature_has_similarity_zero_with_everything()
    {
        var image = new MediumFeatures(Medium.Image, FeatureMatrix.FromRows([[0, 0]]), [0]);
        // Gallery sims to the zero query are all 0, so the order is the index order.
        var text = new MediumFeatures(Medium.Text, FeatureMatrix.FromRows([[1, 0], [0, 1], [1, 1]]), [1, 0, 0]);
        var rankings = CrossMediaRankings.Compute([image, text]);
        Assert.Equal(new[] { 2, 3 }, rankings[new(Medium.Image, Medium.Text)].For(0).ToArray());
    }

    [Fact]
    public void Result_does_not_depend_on_the_number_of_threads()
    {
        var media = SmallSet(dim: 24, classes: 5);
        var one = CrossMediaRankings.Compute(media, maxDegreeOfParallelism: 1);
        var two = CrossMediaRankings.Compute(media, maxDegreeOfParallelism: 2);
        foreach (var task in one.Tasks.Keys)
        {
            Assert.Equal(one[task].Offsets, two[task].Offsets);
            Assert.Equal(one[task].Ranks, two[task].Ranks);
        }
    }

    [Fact]
    public void Media_with_different_dimensions_are_refused()
    {
        var a = RandomFeatures.Make(Medium.Image, 5, 2, 4, 1);
        var b = RandomFeatures.Make(Medium.Text, 5, 2, 3, 1);
        var e = Assert.Throws<ArgumentException>(() => CrossMediaRankings.Compute([a, b]));
        Assert.Contains("dimensions", e.Message);
    }

    [Fact]
    public void NaN_features_are_refused()
    {
        var a = new MediumFeatures(Medium.Image, FeatureMatrix.FromRows([[1, float.NaN]]), [0]);
        Assert.Throws<ArgumentException>(() => CrossMediaRankings.Compute([a]));
    }
}
