using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Core.Distances;

/// <summary>
/// Euclidean (L2) distance between rows, computed as in the reference method:
/// <c>sq[i,j] = max(0, ||a_i||² − 2·a_i·b_j + ||b_j||²)</c>, <c>d[i,j] = sqrt(sq[i,j] + 1e-16·[sq[i,j] = 0]) · (1 − [sq[i,j] = 0])</c>.
/// Zero distances stay exactly 0 and their gradient is 0 rather than NaN (the derivative of sqrt at 0 is infinite).
/// </summary>
/// <remarks>
/// For a single input the squared norms are taken from the diagonal of the Gram matrix <c>x·xᵀ</c>, so that the
/// self-distances <c>d[i,i]</c> are exactly zero despite rounding.
/// </remarks>
public sealed class PairwiseEuclideanDistance : IPairwiseDistance
{
    /// <summary>Added under the square root where the squared distance is exactly zero, only to keep its gradient finite.</summary>
    public const double ZeroGuard = 1e-16;

    /// <inheritdoc />
    public Tensor Pairwise(Tensor x)
    {
        RequireMatrix(x, nameof(x));
        using var scope = NewDisposeScope();
        var gram = x.matmul(x.t());
        var squaredNorms = gram.diagonal();
        var squared = squaredNorms.unsqueeze(1) - 2.0 * gram + squaredNorms.unsqueeze(0);
        return SquaredToEuclidean(squared).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor Pairwise(Tensor a, Tensor b)
    {
        RequireMatrix(a, nameof(a));
        RequireMatrix(b, nameof(b));
        if (a.shape[1] != b.shape[1])
            throw new ArgumentException($"Feature dimensions differ: {a.shape[1]} vs {b.shape[1]}.", nameof(b));
        using var scope = NewDisposeScope();
        var squared = a.pow(2).sum(1, keepdim: true) - 2.0 * a.matmul(b.t()) + b.pow(2).sum(1).unsqueeze(0);
        return SquaredToEuclidean(squared).MoveToOuterDisposeScope();
    }

    private static Tensor SquaredToEuclidean(Tensor squared)
    {
        var clamped = squared.clamp_min(0.0);
        var isZero = clamped.eq(0.0).to_type(clamped.dtype);
        return (clamped + isZero * ZeroGuard).sqrt() * (1.0 - isZero);
    }

    private static void RequireMatrix(Tensor t, string name)
    {
        if (t.dim() != 2)
            throw new ArgumentException($"Expected a matrix [rows, features], got shape [{string.Join(", ", t.shape)}].", name);
    }
}
