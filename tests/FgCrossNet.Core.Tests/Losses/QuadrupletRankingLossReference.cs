using FgCrossNet.Core.Distances;
using FgCrossNet.Core.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Core.Tests.Losses;

/// <summary>
/// Test oracle for <see cref="QuadrupletRankingLoss"/>: the same loss written directly, materialising all N⁴
/// quadruplets with broadcasting and letting autograd differentiate it. Memory is O(N⁴) (about 1 GiB per float32
/// tensor at N = 128), so it is meant for tests and small batches only; train with <see cref="QuadrupletRankingLoss"/>.
/// </summary>
/// <remarks>The definition is <see cref="QuadrupletRankingLossBase"/>'s. Negative terms are zeroed by a constant mask, as the reference's masked assignment does, so a term of exactly 0 keeps its gradient.
/// </remarks>
internal sealed class QuadrupletRankingLossReference : QuadrupletRankingLossBase
{
    /// <summary>Creates the oracle; <paramref name="distance"/> defaults to <see cref="PairwiseEuclideanDistance"/>.</summary>
    public QuadrupletRankingLossReference(
        IPairwiseDistance? distance = null,
        double anchorNegativeMargin = DefaultAnchorNegativeMargin,
        double negativePairMargin = DefaultNegativePairMargin)
        : base(distance, anchorNegativeMargin, negativePairMargin)
    {
    }

    /// <inheritdoc />
    public override QuadrupletLossResult ComputeFromDistances(Tensor distances, Tensor labels)
    {
        QuadrupletRankingLossInputs.RequireDistancesAndLabels(distances, labels);
        using var scope = NewDisposeScope();
        var n = distances.shape[0];
        var y = labels.to(distances.device);

        var sameLabel = y.unsqueeze(1).eq(y.unsqueeze(0));
        var differentLabel = sameLabel.logical_not();
        var notSelf = eye(n, dtype: ScalarType.Bool, device: distances.device).logical_not();
        var anchorPositive = sameLabel.logical_and(notSelf);

        var valid = anchorPositive.view(n, n, 1, 1)
            .logical_and(differentLabel.view(n, 1, n, 1))
            .logical_and(differentLabel.view(n, 1, 1, n))
            .logical_and(differentLabel.view(1, 1, n, n));

        var dij = distances.view(n, n, 1, 1);
        var dik = distances.view(n, 1, n, 1);
        var dkl = distances.view(1, 1, n, n);
        var raw = ((dij - dik + AnchorNegativeMargin) + (dij - dkl + NegativePairMargin)) * valid.to_type(distances.dtype);
        var terms = raw * raw.detach().ge(0.0).to_type(distances.dtype);

        var validCount = valid.sum().item<long>();
        var positiveCount = terms.gt(PositiveThreshold).sum().item<long>();
        var loss = terms.sum() / (positiveCount + 1e-16);
        return QuadrupletLossResult.Create(loss.MoveToOuterDisposeScope(), validCount, positiveCount);
    }
}
