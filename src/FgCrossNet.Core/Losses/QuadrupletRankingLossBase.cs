using FgCrossNet.Core.Distances;
using static TorchSharp.torch;

namespace FgCrossNet.Core.Losses;

/// <summary>
/// What the two implementations of the quadruplet ranking loss share: the distance, the margins, and the entry point
/// from embeddings. Definition: with d the pairwise distance over all N rows of the stacked batch (all media together),
/// a quadruplet (i, j, k, l) is valid when i ≠ j, y_i = y_j, y_k ≠ y_i, y_l ≠ y_i and y_l ≠ y_k. Its term is
/// <c>t = max(0, (d(i,j) − d(i,k) + m1) + (d(i,j) − d(k,l) + m2))</c>, and <c>L = Σ_valid t / (P + 1e-16)</c> with P the
/// number of valid quadruplets with t &gt; 0 (a constant: no gradient flows through it).
/// </summary>
public abstract class QuadrupletRankingLossBase
{
    /// <summary>Default m1.</summary>
    public const double DefaultAnchorNegativeMargin = 1.0;

    /// <summary>Default m2.</summary>
    public const double DefaultNegativePairMargin = 0.5;

    private readonly IPairwiseDistance _distance;

    /// <summary><paramref name="distance"/> defaults to <see cref="PairwiseEuclideanDistance"/>.</summary>
    protected QuadrupletRankingLossBase(IPairwiseDistance? distance, double anchorNegativeMargin, double negativePairMargin)
    {
        QuadrupletRankingLossInputs.RequireMargins(anchorNegativeMargin, negativePairMargin);
        _distance = distance ?? new PairwiseEuclideanDistance();
        AnchorNegativeMargin = anchorNegativeMargin;
        NegativePairMargin = negativePairMargin;
    }

    /// <summary>m1, the margin between d(i,j) and d(i,k).</summary>
    public double AnchorNegativeMargin { get; }

    /// <summary>m2, the margin between d(i,j) and d(k,l).</summary>
    public double NegativePairMargin { get; }

    /// <summary>The loss for embeddings [N, D] and integer labels [N].</summary>
    public QuadrupletLossResult Compute(Tensor embeddings, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        using var scope = NewDisposeScope();
        var result = ComputeFromDistances(_distance.Pairwise(embeddings), labels);
        result.Loss.MoveToOuterDisposeScope();
        return result;
    }

    /// <summary>The loss for a precomputed distance matrix [N, N] and integer labels [N].</summary>
    public abstract QuadrupletLossResult ComputeFromDistances(Tensor distances, Tensor labels);
}
