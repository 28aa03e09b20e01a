namespace FgCrossNet.Model;

/// <summary>Why a checkpoint entry was not loaded into the network.</summary>
public enum SkipReason
{
    /// <summary>Its top-level module is excluded by the load options (e.g. the 1000-class <c>fc</c> of an ImageNet backbone).</summary>
    Excluded,

    /// <summary>The network has no parameter or buffer of that name.</summary>
    NotInNetwork,
}

/// <summary>A checkpoint entry (named after any <c>module.</c> prefix was stripped) that was not loaded, and why.</summary>
/// <param name="Key">The entry's name.</param>
/// <param name="Reason">Why it was not loaded.</param>
/// <param name="Shape">The entry's shape in the checkpoint.</param>
public sealed record SkippedKey(string Key, SkipReason Reason, IReadOnlyList<long> Shape)
{
    public override string ToString() => $"{Key} [{string.Join(", ", Shape)}]: {Reason}";
}
