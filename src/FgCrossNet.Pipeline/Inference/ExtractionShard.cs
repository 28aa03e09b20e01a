using FgCrossNet.IO;

namespace FgCrossNet.Inference;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (written <c>k/n</c>, 1 ≤ k ≤ n) of an extraction: of a medium's N
/// items in list order (for video, its clips), the contiguous block [⌊(k − 1)·N / n⌋, ⌊k·N / n⌋). The n blocks cover
/// every item once and, concatenated in shard order, are the list order, so <see cref="ExtractionShardMerge"/> only
/// appends. A shard writes the usual per-medium files into <c>OUT/shards/k-of-n/</c> (<see cref="Folder"/>).
/// </summary>
public readonly record struct ExtractionShard(int Index, int Count)
{
    /// <summary>The folder under the output folder that holds every shard's folder.</summary>
    public const string ShardsFolder = "shards";

    public static ExtractionShard Parse(string text)
    {
        var (k, n) = ShardText.Parse(text);
        return new ExtractionShard(k, n);
    }

    /// <summary>The shard's items of a medium with <paramref name="items"/> items: [Start, End) in list order.</summary>
    public (int Start, int End) Range(int items) => ((int)((long)(Index - 1) * items / Count), (int)((long)Index * items / Count));

    /// <summary><c>k-of-n</c>.</summary>
    public string FolderName => $"{Index}-of-{Count}";

    /// <summary>This shard's output folder: <c>OUT/shards/k-of-n</c>.</summary>
    public string Folder(string outputFolder) => Path.Combine(outputFolder, ShardsFolder, FolderName);

    public override string ToString() => $"{Index}/{Count}";
}
