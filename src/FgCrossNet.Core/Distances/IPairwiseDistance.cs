using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Core.Distances;

/// <summary>
/// A distance between the rows of embedding matrices, given to losses so that each loss does not repeat it.
/// </summary>
public interface IPairwiseDistance
{
    /// <summary>Distances between every pair of rows of <paramref name="x"/> ([N, D] → [N, N]), differentiable.</summary>
    Tensor Pairwise(Tensor x);

    /// <summary>Distances between every row of <paramref name="a"/> and every row of <paramref name="b"/> ([N, D], [M, D] → [N, M]), differentiable.</summary>
    Tensor Pairwise(Tensor a, Tensor b);
}
