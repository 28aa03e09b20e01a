using static TorchSharp.torch;

namespace FgCrossNet.Core.Losses;

/// <summary>
/// The outcome of a quadruplet ranking loss on one batch.
/// </summary>
/// <param name="Loss">Scalar loss tensor (differentiable); the caller owns it.</param>
/// <param name="ValidQuadruplets">Number of ordered quadruplets (i, j, k, l) satisfying the label conditions.</param>
/// <param name="PositiveQuadruplets">Number of valid quadruplets whose term exceeds 1e-16 (the loss's divisor, up to 1e-16).</param>
/// <param name="PositiveFraction"><c>PositiveQuadruplets / ValidQuadruplets</c>, or 0 when there is no valid quadruplet.</param>
public sealed record QuadrupletLossResult(Tensor Loss, long ValidQuadruplets, long PositiveQuadruplets, double PositiveFraction)
{
    internal static QuadrupletLossResult Create(Tensor loss, long valid, long positive) =>
        new(loss, valid, positive, valid == 0 ? 0.0 : (double)positive / valid);
}
