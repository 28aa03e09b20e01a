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
        var (k, n) = ShardText.Parse(text);
        return new GridShard(k, n);
    }

    public override string ToString() => $"{Index}/{Count}";
}
