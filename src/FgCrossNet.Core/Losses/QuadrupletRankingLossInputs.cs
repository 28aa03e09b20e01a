using static TorchSharp.torch;

namespace FgCrossNet.Core.Losses;

/// <summary>Argument checks shared by the quadruplet ranking losses.</summary>
internal static class QuadrupletRankingLossInputs
{
    public static void RequireMargins(double anchorNegativeMargin, double negativePairMargin)
    {
        if (!double.IsFinite(anchorNegativeMargin))
            throw new ArgumentOutOfRangeException(nameof(anchorNegativeMargin), anchorNegativeMargin, "Margins must be finite.");
        if (!double.IsFinite(negativePairMargin))
            throw new ArgumentOutOfRangeException(nameof(negativePairMargin), negativePairMargin, "Margins must be finite.");
    }

    public static void RequireDistancesAndLabels(Tensor distances, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(distances);
        ArgumentNullException.ThrowIfNull(labels);
        if (distances.dim() != 2 || distances.shape[0] != distances.shape[1])
            throw new ArgumentException($"Expected a square distance matrix [N, N], got [{string.Join(", ", distances.shape)}].", nameof(distances));
        if (labels.dim() != 1 || labels.shape[0] != distances.shape[0])
            throw new ArgumentException($"Expected labels [{distances.shape[0]}], got [{string.Join(", ", labels.shape)}].", nameof(labels));
        if (!distances.is_floating_point())
            throw new ArgumentException("Distances must be floating point.", nameof(distances));
        if (labels.is_floating_point())
            throw new ArgumentException("Labels must be integers.", nameof(labels));
    }
}
