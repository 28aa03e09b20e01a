namespace FgCrossNet.Core.Retrieval;

/// <summary>
/// The interpolated precision-recall curve of a retrieval task, averaged over queries (the curve cross-media retrieval
/// papers plot). For a query with R &gt; 0 relevant items at ranks r_1 &lt; ... &lt; r_R, the point after its j-th relevant
/// item is (recall j/R, precision j/r_j). Its interpolated precision at recall level ρ is the highest precision at any
/// recall ≥ ρ: p(ρ) = max over j with j/R ≥ ρ of j/r_j. The curve is the mean of p over the queries with R &gt; 0, at the
/// evenly spaced levels 0, 1/(n-1), ..., 1 (n = 11 gives the classic 11-point curve). Queries with no relevant item have
/// no recall and are left out (<see cref="Queries"/> counts the others).
/// </summary>
/// <param name="Recall">The recall levels, ascending from 0 to 1.</param>
/// <param name="Precision">Mean interpolated precision at each level (non-increasing).</param>
/// <param name="Queries">Queries that have at least one relevant item.</param>
public sealed record PrecisionRecallCurve(double[] Recall, double[] Precision, int Queries)
{
    /// <summary>The classic number of recall levels (0, 0.1, ..., 1).</summary>
    public const int ElevenPoints = 11;

    public static PrecisionRecallCurve Interpolated(RelevantRanks ranks, int levels = ElevenPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 2);
        var recall = new double[levels];
        for (int k = 0; k < levels; k++) recall[k] = (double)k / (levels - 1);
        var sum = new double[levels];
        int queries = 0;
        var best = Array.Empty<double>();
        for (int q = 0; q < ranks.QueryCount; q++)
        {
            var r = ranks.For(q);
            int n = r.Length;
            if (n == 0) continue;
            queries++;
            if (best.Length < n + 2) best = new double[n + 2];
            // best[j] = max precision over relevant items j..n (1-based): the interpolated precision from recall j/n down.
            best[n + 1] = 0;
            for (int j = n; j >= 1; j--) best[j] = Math.Max(best[j + 1], (double)j / r[j - 1]);
            for (int k = 0; k < levels; k++)
            {
                // The first relevant item whose recall j/n reaches the level (tolerant of rounding in k/(levels-1)).
                int j = Math.Max(1, (int)Math.Ceiling(recall[k] * n - 1e-9));
                sum[k] += best[Math.Min(j, n)];
            }
        }
        var precision = sum.Select(s => queries > 0 ? s / queries : 0).ToArray();
        return new PrecisionRecallCurve(recall, precision, queries);
    }
}
