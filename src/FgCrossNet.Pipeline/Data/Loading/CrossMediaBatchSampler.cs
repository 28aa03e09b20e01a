using FgCrossNet.Core;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// Cuts an epoch into steps of B items of every medium (see <see cref="BatchPolicy"/>). Deterministic: the same
/// counts, B, seed, policy and epoch give the same steps, whatever happened in earlier epochs.
/// </summary>
public sealed class CrossMediaBatchSampler
{
    private readonly int[] _counts;

    /// <param name="media">The media drawn each step, in stacking order.</param>
    /// <param name="counts">Items per medium (same order as <paramref name="media"/>).</param>
    /// <param name="perMedium">B: items of each medium per step.</param>
    /// <param name="seed">Seed of the shuffling.</param>
    /// <param name="policy">How media of different sizes are cut into steps.</param>
    /// <param name="stepsPerEpoch">Balanced policy: steps per epoch (default: the largest medium's full batches).
    /// Reference policy: an upper limit on the steps.</param>
    public CrossMediaBatchSampler(IReadOnlyList<Medium> media, IReadOnlyList<int> counts, int perMedium, int seed = 0,
        BatchPolicy policy = BatchPolicy.BalancedShuffled, int? stepsPerEpoch = null)
    {
        if (media.Count == 0 || media.Count != counts.Count) throw new ArgumentException("give one item count per medium");
        if (media.Distinct().Count() != media.Count) throw new ArgumentException("a medium is listed twice");
        if (perMedium <= 0) throw new ArgumentException($"items per medium per step must be positive, got {perMedium}");
        if (stepsPerEpoch is <= 0) throw new ArgumentException($"steps per epoch must be positive, got {stepsPerEpoch}");
        for (int m = 0; m < media.Count; m++)
            if (counts[m] < perMedium)
                throw new ArgumentException($"{media[m].FolderName()} has {counts[m]} items, fewer than the {perMedium} needed per step");
        Media = [.. media];
        _counts = [.. counts];
        PerMedium = perMedium;
        Seed = seed;
        Policy = policy;
        StepsPerEpoch = policy == BatchPolicy.BalancedShuffled
            ? stepsPerEpoch ?? _counts.Max() / perMedium
            : Math.Min(stepsPerEpoch ?? int.MaxValue, _counts.Min() / perMedium);
    }

    public IReadOnlyList<Medium> Media { get; }

    public int PerMedium { get; }

    public int Seed { get; }

    public BatchPolicy Policy { get; }

    public int StepsPerEpoch { get; }

    /// <summary>The steps of epoch <paramref name="epoch"/> (0-based).</summary>
    public IReadOnlyList<CrossMediaStep> Epoch(int epoch)
    {
        var streams = new IEnumerator<int[]>[Media.Count];
        for (int m = 0; m < Media.Count; m++)
            streams[m] = Policy == BatchPolicy.BalancedShuffled
                ? ShuffledBatches(_counts[m], epoch, (int)Media[m]).GetEnumerator()
                : InOrderBatches(_counts[m]).GetEnumerator();
        var steps = new CrossMediaStep[StepsPerEpoch];
        for (int s = 0; s < steps.Length; s++)
        {
            var indices = new int[Media.Count][];
            for (int m = 0; m < Media.Count; m++)
            {
                streams[m].MoveNext();
                indices[m] = streams[m].Current;
            }
            steps[s] = new CrossMediaStep(epoch, s, Media, indices);
        }
        return steps;
    }

    private IEnumerable<int[]> ShuffledBatches(int count, int epoch, int medium)
    {
        for (int pass = 0; ; pass++)
        {
            var order = Enumerable.Range(0, count).ToArray();
            SeedSequence.Random(Seed, epoch, medium, pass).Shuffle(order);
            for (int b = 0; b + PerMedium <= count; b += PerMedium) yield return order[b..(b + PerMedium)];
        }
    }

    private IEnumerable<int[]> InOrderBatches(int count)
    {
        for (int b = 0; b + PerMedium <= count; b += PerMedium) yield return Enumerable.Range(b, PerMedium).ToArray();
    }
}
