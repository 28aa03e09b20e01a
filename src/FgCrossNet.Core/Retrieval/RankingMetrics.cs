namespace FgCrossNet.Core.Retrieval;

/// <summary>
/// Per-query ranking metrics. Each takes the ascending 1-based ranks r_1 &lt; ... &lt; r_R of the query's R relevant gallery
/// items in the full ranking (see <see cref="RelevantRanks"/>). A query with no relevant item (R = 0) scores 0 on every
/// metric. Means over queries are plain means (each query weighs the same) unless stated otherwise.
/// </summary>
public static class RankingMetrics
{
    /// <summary>
    /// Average precision over the whole ranking (the paper's AP): AP = (1/R) * sum_{j=1..R} j / r_j, i.e. the mean over
    /// the relevant items of the precision at that item's rank. MAP is its mean over queries.
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<int> ranks)
    {
        if (ranks.IsEmpty) return 0;
        double sum = 0;
        for (int j = 0; j < ranks.Length; j++) sum += (j + 1.0) / ranks[j];
        return sum / ranks.Length;
    }

    /// <summary>
    /// MAP@R of one query (Musgrave et al., "A Metric Learning Reality Check", 2020): with R the number of relevant items,
    /// (1/R) * sum over relevant items with r_j &lt;= R of j / r_j. Only the top R positions count, and the divisor is R.
    /// </summary>
    public static double AveragePrecisionAtR(ReadOnlySpan<int> ranks)
    {
        int r = ranks.Length;
        if (r == 0) return 0;
        double sum = 0;
        for (int j = 0; j < r && ranks[j] <= r; j++) sum += (j + 1.0) / ranks[j];
        return sum / r;
    }

    /// <summary>R-precision: the fraction of the top R positions (R = number of relevant items) that are relevant.</summary>
    public static double RPrecision(ReadOnlySpan<int> ranks)
    {
        int r = ranks.Length;
        if (r == 0) return 0;
        return (double)CountWithin(ranks, r) / r;
    }

    /// <summary>Precision@K: (number of relevant items among the top K positions) / K, with the divisor K even when R &lt; K.</summary>
    public static double PrecisionAtK(ReadOnlySpan<int> ranks, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        return (double)CountWithin(ranks, k) / k;
    }

    /// <summary>
    /// Recall@K as used in metric learning (hit rate): 1 when at least one relevant item is among the top K positions,
    /// else 0. Precision@1 equals Recall@1.
    /// </summary>
    public static double RecallAtK(ReadOnlySpan<int> ranks, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        return !ranks.IsEmpty && ranks[0] <= k ? 1 : 0;
    }

    /// <summary>Mean of <paramref name="values"/>; 0 for an empty set.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) return 0;
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    /// <summary>Mean of the per-query values of each class (keyed by label) that occurs among the queries.</summary>
    public static SortedDictionary<int, double> PerClassMean(ReadOnlySpan<double> values, ReadOnlySpan<int> labels)
    {
        if (values.Length != labels.Length) throw new ArgumentException("One label per value is needed.");
        var sums = new SortedDictionary<int, (double Sum, int Count)>();
        for (int i = 0; i < values.Length; i++)
        {
            sums.TryGetValue(labels[i], out var acc);
            sums[labels[i]] = (acc.Sum + values[i], acc.Count + 1);
        }
        var result = new SortedDictionary<int, double>();
        foreach (var (label, acc) in sums) result[label] = acc.Sum / acc.Count;
        return result;
    }

    /// <summary>Class-balanced mean: the mean over classes of the per-class mean, so every class weighs the same.</summary>
    public static double ClassBalancedMean(ReadOnlySpan<double> values, ReadOnlySpan<int> labels)
    {
        var perClass = PerClassMean(values, labels);
        return perClass.Count == 0 ? 0 : perClass.Values.Average();
    }

    private static int CountWithin(ReadOnlySpan<int> ranks, int k)
    {
        int n = 0;
        while (n < ranks.Length && ranks[n] <= k) n++;
        return n;
    }
}
