using FgCrossNet.Core.Distances;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Core.Losses;

/// <summary>
/// FGCrossNet's ranking loss, the quadruplet loss defined in <see cref="QuadrupletRankingLossBase"/> (margins by default
/// the paper's, <see cref="QuadrupletRankingLossBase.DefaultAnchorNegativeMargin"/> and
/// <see cref="QuadrupletRankingLossBase.DefaultNegativePairMargin"/>). Training weighs it per stage
/// (<c>stageN.ranking_weight</c>; the paper: 0 in stage 1, 0.1 in stage 2).
/// </summary>
/// <remarks>
/// Memory-lean: O(N³) instead of the O(N⁴) of writing out all quadruplets (as its test oracle does). Because
/// the sum over the positive quadruplets is linear in the distances,
/// <c>Σ_(t≥0) t = Σ_(a,b) W[a,b]·d(a,b) + (m1 + m2)·G</c> with <c>W = 2·C_ij − C_ik − C_kl</c>, where C_ij[a,b] counts
/// the valid quadruplets with t ≥ 0 whose (i, j) is (a, b), likewise for (i, k) and (k, l), and G is their number. The counts are found without
/// autograd, class by class (anchors of one class share their positives and negatives), a few anchors at a time, with
/// working tensors [anchors, |S|, |Q|, |Q|] (S the class's rows, Q the other rows) of at most
/// max(2²⁰, |S|·|Q|²) ≤ max(2²⁰, 4N³/27) elements; autograd then only keeps W and d (N² each). Value and gradient
/// equal the reference's. Labels are read on the CPU once per call.
/// </remarks>
public sealed class QuadrupletRankingLoss : QuadrupletRankingLossBase
{
    /// <summary>Creates the loss; <paramref name="distance"/> defaults to <see cref="PairwiseEuclideanDistance"/>.</summary>
    public QuadrupletRankingLoss(
        IPairwiseDistance? distance = null,
        double anchorNegativeMargin = DefaultAnchorNegativeMargin,
        double negativePairMargin = DefaultNegativePairMargin)
        : base(distance, anchorNegativeMargin, negativePairMargin)
    {
    }

    // Elements of one anchor chunk's working tensor: bounds memory (a few MiB per tensor) while keeping chunks large
    // enough that per-chunk overhead stays small. A single anchor may exceed it (that is the O(N³) part).
    // Settable for tests, so that small batches also run through several chunks.
    internal long ChunkElementBudget { get; init; } = 1L << 20;

    /// <inheritdoc />
    public override QuadrupletLossResult ComputeFromDistances(Tensor distances, Tensor labels)
    {
        QuadrupletRankingLossInputs.RequireDistancesAndLabels(distances, labels);
        using var scope = NewDisposeScope();
        var n = distances.shape[0];
        var device = distances.device;
        var y = labels.to_type(ScalarType.Int64).cpu().data<long>().ToArray();

        var groups = Enumerable.Range(0, (int)n).GroupBy(row => y[row], row => (long)row).ToList();

        var weights = zeros(new[] { n, n }, dtype: ScalarType.Int64, device: device);
        var flatWeights = weights.view(-1);
        long validCount = 0;
        long positiveCount = 0;
        long gradientCount = 0;
        var sumOfSquaredGroupSizes = groups.Sum(g => (long)g.Count() * g.Count());

        using (no_grad())
        {
            var d = distances.detach();
            foreach (var group in groups)
            {
                var members = group.ToArray();
                long s = members.Length;
                var negativeRows = Enumerable.Range(0, (int)n).Where(r => y[r] != group.Key).Select(r => (long)r).ToArray();
                long q = negativeRows.Length;
                // Ordered (k, l) with both labels ≠ y_i and y_k ≠ y_l: q² minus the same-label pairs among the negatives.
                var negativePairs = q * q - (sumOfSquaredGroupSizes - s * s);
                var classValid = s * (s - 1) * negativePairs;
                if (classValid == 0)
                    continue;
                validCount += classValid;
                var (withGradient, positive) = AccumulateClass(d, y, members, negativeRows, n, flatWeights);
                gradientCount += withGradient;
                positiveCount += positive;
            }
        }

        // Summed in float64: W mixes large positive and negative counts, whose products with d largely cancel.
        var linearPart = (weights.to_type(ScalarType.Float64) * distances.to_type(ScalarType.Float64)).sum();
        var loss = ((linearPart + (AnchorNegativeMargin + NegativePairMargin) * gradientCount) / (positiveCount + 1e-16))
            .to_type(distances.dtype);
        return QuadrupletLossResult.Create(loss.MoveToOuterDisposeScope(), validCount, positiveCount);
    }

    /// <summary>
    /// Adds to W the counts of the valid quadruplets with t ≥ 0 anchored in one class (members S, negatives Q), in
    /// chunks of anchors sized so the working tensor [anchors, |S|, |Q|, |Q|] stays within
    /// <see cref="ChunkElementBudget"/> (or holds one anchor). Returns their number and the number with t &gt; 1e-16.
    /// </summary>
    private (long WithGradient, long Positive) AccumulateClass(Tensor d, long[] y, long[] members, long[] negativeRows, long n, Tensor flatWeights)
    {
        var device = d.device;
        long s = members.Length;
        long q = negativeRows.Length;
        var memberIndex = tensor(members, device: device);
        var negativeIndex = tensor(negativeRows, device: device);
        var negativeLabels = tensor(negativeRows.Select(r => y[r]).ToArray(), device: device);
        var differentNegativeLabels = negativeLabels.unsqueeze(1).ne(negativeLabels.unsqueeze(0)).view(1, 1, q, q);
        var dkl = d.index_select(0, negativeIndex).index_select(1, negativeIndex).view(1, 1, q, q);

        var anchorsPerChunk = Math.Max(1, ChunkElementBudget / (s * q * q));
        long withGradient = 0, positive = 0;
        for (long start = 0; start < s; start += anchorsPerChunk)
        {
            using var chunkScope = NewDisposeScope();
            var a = Math.Min(anchorsPerChunk, s - start);
            var anchorIndex = memberIndex.narrow(0, start, a);
            var anchorRows = d.index_select(0, anchorIndex);
            var dij = anchorRows.index_select(1, memberIndex).view(a, s, 1, 1);
            var dik = anchorRows.index_select(1, negativeIndex).view(a, 1, q, 1);
            var notSelf = anchorIndex.unsqueeze(1).ne(memberIndex.unsqueeze(0)).view(a, s, 1, 1);

            // The reference's (dij − dik + m1) + (dij − dkl + m2), with the same roundings (IEEE addition commutes):
            // identical terms, identical positive set. In place and disposed early to hold one full-size float tensor.
            Tensor hasGradient, isPositive;
            using (var terms = (dij - dkl).add_(NegativePairMargin))
            {
                terms.add_((dij - dik).add_(AnchorNegativeMargin));
                hasGradient = terms.ge(0.0);
                isPositive = terms.gt(PositiveThreshold);
            }
            var valid = notSelf.logical_and(differentNegativeLabels);
            hasGradient.logical_and_(valid);
            positive += isPositive.logical_and_(valid).sum().item<long>();

            var countIj = hasGradient.sum(new long[] { 2, 3 });   // [a, s]
            var countIk = hasGradient.sum(new long[] { 1, 3 });   // [a, q]
            var countKl = hasGradient.sum(new long[] { 0, 1 });   // [q, q]
            withGradient += countKl.sum().item<long>();

            AddToBlock(flatWeights, n, anchorIndex, memberIndex, 2 * countIj);
            AddToBlock(flatWeights, n, anchorIndex, negativeIndex, -countIk);
            AddToBlock(flatWeights, n, negativeIndex, negativeIndex, -countKl);
        }
        return (withGradient, positive);
    }

    /// <summary>W[rows[r], columns[c]] += values[r, c], with W given flattened (row-major, N columns).</summary>
    private static void AddToBlock(Tensor flatWeights, long n, Tensor rows, Tensor columns, Tensor values)
    {
        var flatIndex = (rows.unsqueeze(1) * n + columns.unsqueeze(0)).view(-1);
        flatWeights.index_add_(0, flatIndex, values.reshape(-1), 1);
    }
}
