using FgCrossNet.Core.Retrieval;

namespace FgCrossNet.Core.Tests.Retrieval;

public class PrecisionRecallCurveTests
{
    private static RelevantRanks FromRelevance(IReadOnlyList<bool[]> rankedRelevance)
    {
        var offsets = new List<int> { 0 };
        var ranks = new List<int>();
        foreach (var row in rankedRelevance)
        {
            for (int pos = 0; pos < row.Length; pos++) if (row[pos]) ranks.Add(pos + 1);
            offsets.Add(ranks.Count);
        }
        return new RelevantRanks([.. offsets], [.. ranks], new int[rankedRelevance.Count]);
    }

    /// <summary>
    /// The oracle walks every cut-off k of the ranked list (not only the relevant positions): precision@k and recall@k,
    /// and the interpolated precision at level ρ is the largest precision@k among cut-offs with recall@k ≥ ρ.
    /// </summary>
    private static double[] Oracle(IReadOnlyList<bool[]> rankedRelevance, double[] levels)
    {
        var sum = new double[levels.Length];
        int queries = 0;
        foreach (var row in rankedRelevance)
        {
            int relevant = row.Count(r => r);
            if (relevant == 0) continue;
            queries++;
            int hits = 0;
            var points = new List<(double Recall, double Precision)>();
            for (int k = 1; k <= row.Length; k++)
            {
                if (row[k - 1]) hits++;
                points.Add(((double)hits / relevant, (double)hits / k));
            }
            for (int l = 0; l < levels.Length; l++)
                sum[l] += points.Where(p => p.Recall >= levels[l] - 1e-12).Max(p => p.Precision);
        }
        return [.. sum.Select(s => s / queries)];
    }

    [Fact]
    public void A_hand_computed_query_gives_its_interpolated_precisions()
    {
        // Relevant at ranks 1 and 3 of 4: points (0.5, 1) and (1, 2/3).
        var curve = PrecisionRecallCurve.Interpolated(FromRelevance([[true, false, true, false]]), levels: 5);
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], curve.Recall);
        Assert.Equal(1.0, curve.Precision[0], 12);
        Assert.Equal(1.0, curve.Precision[1], 12);
        Assert.Equal(1.0, curve.Precision[2], 12);
        Assert.Equal(2.0 / 3, curve.Precision[3], 12);
        Assert.Equal(2.0 / 3, curve.Precision[4], 12);
        Assert.Equal(1, curve.Queries);
    }

    [Fact]
    public void Queries_without_a_relevant_item_are_left_out_of_the_mean()
    {
        var curve = PrecisionRecallCurve.Interpolated(FromRelevance([[false, false], [false, true]]), levels: 3);
        Assert.Equal(1, curve.Queries);
        Assert.Equal([0.5, 0.5, 0.5], curve.Precision);
    }

    [Theory]
    [InlineData(1, 11)]
    [InlineData(2, 21)]
    [InlineData(3, 2)]
    [InlineData(4, 7)]
    public void Random_rankings_match_the_cut_off_oracle(int seed, int levels)
    {
        var rng = new Random(seed);
        var rows = Enumerable.Range(0, 40).Select(_ =>
        {
            int n = rng.Next(1, 30);
            double p = rng.NextDouble();
            return Enumerable.Range(0, n).Select(_ => rng.NextDouble() < p * 0.6).ToArray();
        }).ToArray();
        var recall = Enumerable.Range(0, levels).Select(k => (double)k / (levels - 1)).ToArray();
        var expected = Oracle(rows, recall);
        var curve = PrecisionRecallCurve.Interpolated(FromRelevance(rows), levels);
        Assert.Equal(recall.Length, curve.Precision.Length);
        for (int l = 0; l < levels; l++) Assert.Equal(expected[l], curve.Precision[l], 12);
        for (int l = 1; l < levels; l++) Assert.True(curve.Precision[l] <= curve.Precision[l - 1] + 1e-12, "interpolated precision never rises with recall");
    }
}
