namespace FgCrossNet.Core.Tests.Retrieval;

/// <summary>
/// The straightforward float64 definition, written independently of the library: cosine distance to every gallery
/// item, a full stable sort by (distance, gallery index), then the relevant items' 1-based ranks in that order.
/// </summary>
internal static class RetrievalOracle
{
    public static double CosineDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        if (na == 0 || nb == 0) return 1; // similarity 0 for a zero vector
        return 1 - dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }

    /// <summary>Distances of one query to every gallery item, and the gallery order (excluded item removed).</summary>
    public static (double[] Distances, int[] Order) Rank(float[] query, IReadOnlyList<float[]> gallery, int excluded = -1)
    {
        var d = gallery.Select(g => CosineDistance(query, g)).ToArray();
        var order = Enumerable.Range(0, gallery.Count).Where(i => i != excluded).ToArray();
        Array.Sort(order, (x, y) => d[x] != d[y] ? d[x].CompareTo(d[y]) : x.CompareTo(y));
        return (d, order);
    }

    public static int[] RelevantRanks(int[] order, IReadOnlyList<int> galleryLabels, int label)
    {
        var ranks = new List<int>();
        for (int pos = 0; pos < order.Length; pos++)
            if (galleryLabels[order[pos]] == label) ranks.Add(pos + 1);
        return ranks.ToArray();
    }

    /// <summary>AP by walking the ranking: the running precision at each relevant item, averaged.</summary>
    public static double AveragePrecision(int[] order, IReadOnlyList<int> galleryLabels, int label)
    {
        double hits = 0, sum = 0;
        for (int pos = 0; pos < order.Length; pos++)
        {
            if (galleryLabels[order[pos]] != label) continue;
            hits++;
            sum += hits / (pos + 1);
        }
        return hits == 0 ? 0 : sum / hits;
    }

    /// <summary>Smallest gap between a relevant item's distance and any other item's distance: near-ties make float32 and float64 orders differ.</summary>
    public static double SmallestRelevantGap(double[] distances, int[] order, IReadOnlyList<int> galleryLabels, int label)
    {
        double gap = double.PositiveInfinity;
        for (int pos = 0; pos < order.Length; pos++)
        {
            if (galleryLabels[order[pos]] != label) continue;
            if (pos > 0) gap = Math.Min(gap, distances[order[pos]] - distances[order[pos - 1]]);
            if (pos + 1 < order.Length) gap = Math.Min(gap, distances[order[pos + 1]] - distances[order[pos]]);
        }
        return gap;
    }
}
