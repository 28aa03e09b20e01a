using FgCrossNet.Core;

namespace FgCrossNet.Data.Loading;

/// <summary>One training step: for each medium of <see cref="Media"/>, the dataset indices of its B items.</summary>
public sealed record CrossMediaStep(int Epoch, int Step, IReadOnlyList<Medium> Media, IReadOnlyList<int[]> Indices)
{
    public int[] IndicesOf(Medium medium)
    {
        for (int m = 0; m < Media.Count; m++)
            if (Media[m] == medium) return Indices[m];
        throw new ArgumentException($"the step has no {medium.FolderName()} items", nameof(medium));
    }
}
