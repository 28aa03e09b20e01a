using System.Globalization;

namespace FgCrossNet.IO;

/// <summary>The text form <c>k/n</c> (1 ≤ k ≤ n) of "shard k of n" that <c>--shard</c> takes.</summary>
public static class ShardText
{
    /// <summary>The shard index k and count n of <paramref name="text"/>; refused (naming <c>--shard</c>) unless it is <c>k/n</c> with 1 ≤ k ≤ n.</summary>
    public static (int Index, int Count) Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && k >= 1 && k <= n)
            return (k, n);
        throw new InvalidInputException("--shard", $"'{text}' is not k/n with 1 <= k <= n (e.g. 2/4)");
    }
}
