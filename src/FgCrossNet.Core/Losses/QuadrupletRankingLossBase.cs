using FgCrossNet.Core.Distances;
using static TorchSharp.torch;

namespace FgCrossNet.Core.Losses;

/// <summary>
/// What the two implementations of the quadruplet ranking loss share: the distance, the margins, and the entry point
/// from embeddings. Definition: with d the pairwise distance over all N rows of the stacked batch (all media together),
/// a quadruplet (i, j, k, l) is valid when i ≠ j, y_i = y_j, y_k ≠ y_i, y_l ≠ y_i and y_l ≠ y_k. Its term is
/// <c>t = max(0, (d(i,j) − d(i,k) + m1) + (d(i,j) − d(k,l) + m2))</c>, and <c>L = Σ_valid t / (P + 1e-16)</c> with P the
/// number of valid quadruplets with t &gt; <see cref="PositiveThreshold"/> (a constant: no gradient flows through it).
/// </summary>
/// <remarks>
/// At exactly t = 0 the gradient is the reference's: it zeroes the negative terms by masked assignment
/// (<c>loss[loss &lt; 0] = 0</c>), so a term of exactly 0 still passes its gradient (+2 at (i,j), −1 at (i,k) and (k,l),
/// over P + 1e-16) although it adds nothing to the value and is not counted in P. The set that carries gradient is
/// therefore {valid, t ≥ 0}, the set counted in P {valid, t &gt; 1e-16}.
/// </remarks>
public abstract class QuadrupletRankingLossBase
{
    /// <summary>The paper's m1, the default of <see cref="AnchorNegativeMargin"/> (here and in the training config).</summary>
    public const double DefaultAnchorNegativeMargin = 1.0;

    /// <summary>The paper's m2, the default of <see cref="NegativePairMargin"/> (here and in the training config).</summary>
    public const double DefaultNegativePairMargin = 0.5;

    /// <summary>A term counts in P when it exceeds this (the reference's <c>loss &gt; 1e-16</c>).</summary>
    public const double PositiveThreshold = 1e-16;

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
