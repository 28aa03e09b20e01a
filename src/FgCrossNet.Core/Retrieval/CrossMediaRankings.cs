namespace FgCrossNet.Core.Retrieval;

/// <summary>
/// The relevant items' ranks of every cross-media retrieval task over a set of media: the bi-modal tasks (one medium
/// against another), the within-medium tasks, and the multi-modal tasks (one medium against all media stacked in the
/// order image, text, audio, video).
/// </summary>
/// <remarks>
/// Paper protocol (<see cref="ExcludeSelf"/> false): in X->All and in within-medium galleries the query's own item stays
/// in the gallery and is ranked like any other (it is relevant, and usually first). With <see cref="ExcludeSelf"/> true
/// it is removed from those galleries (pytorch-metric-learning's convention). Bi-modal galleries never hold the query.
/// </remarks>
public sealed class CrossMediaRankings
{
    private readonly Dictionary<RetrievalTask, RelevantRanks> _tasks;

    private CrossMediaRankings(Dictionary<RetrievalTask, RelevantRanks> tasks, bool excludeSelf, IReadOnlyList<MediumFeatures> media)
    {
        _tasks = tasks;
        ExcludeSelf = excludeSelf;
        Media = media.Select(m => m.Medium).ToArray();
        QueryCounts = media.ToDictionary(m => m.Medium, m => m.Count);
    }

    public bool ExcludeSelf { get; }

    /// <summary>The media present, in stacking order.</summary>
    public IReadOnlyList<Medium> Media { get; }

    public IReadOnlyDictionary<Medium, int> QueryCounts { get; }

    public IReadOnlyDictionary<RetrievalTask, RelevantRanks> Tasks => _tasks;

    public RelevantRanks this[RetrievalTask task] =>
        _tasks.TryGetValue(task, out var r) ? r : throw new KeyNotFoundException($"Task {task} needs a medium that is not present.");

    /// <summary>Ranks every task from one pass over the stacked features (all queries against all items).</summary>
    /// <param name="media">One entry per medium present (any subset of the four), each medium at most once.</param>
    /// <param name="excludeSelf">Remove the query's own item from X->All and within-medium galleries.</param>
    /// <param name="maxDegreeOfParallelism">Worker threads; null for all cores.</param>
    public static CrossMediaRankings Compute(IReadOnlyList<MediumFeatures> media, bool excludeSelf = false, int? maxDegreeOfParallelism = null)
    {
        if (media.Count == 0) throw new ArgumentException("At least one medium is needed.", nameof(media));
        var ordered = media.OrderBy(m => m.Medium).ToArray();
        if (ordered.Select(m => m.Medium).Distinct().Count() != ordered.Length) throw new ArgumentException("Each medium may appear once.", nameof(media));
        int dim = ordered[0].Features.Dimension;
        foreach (var m in ordered)
        {
            if (m.Features.Dimension != dim)
                throw new ArgumentException($"{m.Medium} features have {m.Features.Dimension} dimensions, {ordered[0].Medium} has {dim}.");
            if (m.Labels.Length != m.Count)
                throw new ArgumentException($"{m.Medium} has {m.Count} feature rows but {m.Labels.Length} labels.");
        }

        int total = ordered.Sum(m => m.Count);
        var data = new float[(long)total * dim];
        var labels = new int[total];
        var starts = new int[ordered.Length];
        int offset = 0;
        for (int i = 0; i < ordered.Length; i++)
        {
            starts[i] = offset;
            ordered[i].Features.Data.CopyTo(data, (long)offset * dim);
            ordered[i].Labels.CopyTo(labels, offset);
            offset += ordered[i].Count;
        }
        var stacked = new FeatureMatrix(total, dim, data);
        int[]? excluded = excludeSelf ? Enumerable.Range(0, total).ToArray() : null;
        var result = SegmentedRanker.Rank(stacked, labels, stacked, labels, starts, excluded, maxDegreeOfParallelism);

        var tasks = new Dictionary<RetrievalTask, RelevantRanks>();
        for (int qi = 0; qi < ordered.Length; qi++)
        {
            var query = ordered[qi];
            int from = starts[qi], count = query.Count;
            tasks[new(query.Medium, null)] = Slice(result.Whole, from, count);
            for (int gi = 0; gi < ordered.Length; gi++)
                tasks[new(query.Medium, ordered[gi].Medium)] = Slice(result.PerSegment[gi], from, count);
        }
        return new CrossMediaRankings(tasks, excludeSelf, ordered);
    }

    private static RelevantRanks Slice(RelevantRanks all, int from, int count)
    {
        var offsets = new int[count + 1];
        int baseOffset = all.Offsets[from];
        for (int i = 0; i <= count; i++) offsets[i] = all.Offsets[from + i] - baseOffset;
        var ranks = all.Ranks.AsSpan(baseOffset, offsets[count]).ToArray();
        return new RelevantRanks(offsets, ranks, all.QueryLabels.AsSpan(from, count).ToArray());
    }
}
