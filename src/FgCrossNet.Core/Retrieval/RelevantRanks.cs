namespace FgCrossNet.Core.Retrieval;

/// <summary>
/// For each query, the 1-based ranks (ascending) at which its relevant gallery items appear in the ranking of the gallery.
/// Every ranking metric of this library is a function of these ranks alone.
/// </summary>
/// <remarks>
/// Ranking: gallery items sorted by descending cosine similarity to the query (ascending cosine distance); ties are
/// broken by gallery index, lower first, so the order is total and reproducible. A gallery item is relevant when its
/// label equals the query's label.
/// </remarks>
public sealed class RelevantRanks
{
    public RelevantRanks(int[] offsets, int[] ranks, int[] queryLabels)
    {
        if (offsets.Length != queryLabels.Length + 1) throw new ArgumentException("offsets must have one more entry than queries.");
        if (offsets[^1] != ranks.Length) throw new ArgumentException("The last offset must equal the number of ranks.");
        Offsets = offsets;
        Ranks = ranks;
        QueryLabels = queryLabels;
    }

    public int QueryCount => QueryLabels.Length;

    /// <summary>Query q's relevant ranks are <c>Ranks[Offsets[q] .. Offsets[q+1])</c>.</summary>
    public int[] Offsets { get; }

    public int[] Ranks { get; }

    public int[] QueryLabels { get; }

    /// <summary>The ranks of query <paramref name="q"/>'s relevant items, ascending; empty when it has none.</summary>
    public ReadOnlySpan<int> For(int q) => Ranks.AsSpan(Offsets[q], Offsets[q + 1] - Offsets[q]);

    /// <summary>Applies a per-query metric to every query.</summary>
    public double[] PerQuery(RankMetric metric)
    {
        var values = new double[QueryCount];
        for (int q = 0; q < values.Length; q++) values[q] = metric(For(q));
        return values;
    }
}

/// <summary>A ranking metric of one query, computed from its relevant items' ascending 1-based ranks.</summary>
public delegate double RankMetric(ReadOnlySpan<int> relevantRanks);
