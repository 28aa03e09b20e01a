using System.Globalization;
using FgCrossNet.IO;

namespace FgCrossNet.Experiments;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (written <c>k/n</c>, 1 ≤ k ≤ n): the cells whose 0-based index i has
/// i mod n = k − 1. The n shards of a grid cover every cell exactly once, so n processes (a Slurm job array with
/// <c>--shard $SLURM_ARRAY_TASK_ID/n</c>) can share one grid folder.
/// </summary>
public readonly record struct GridShard(int Index, int Count)
{
    public static GridShard All { get; } = new(1, 1);

    public bool Contains(AblationCell cell) => cell.Index % Count == Index - 1;

    public static GridShard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && k >= 1 && k <= n)
            return new GridShard(k, n);
        throw new InvalidInputException("--shard", $"'{text}' is not k/n with 1 <= k <= n (e.g. 2/4)");
    }

    public override string ToString() => $"{Index}/{Count}";
}
