namespace FgCrossNet.Data.Synthetic;

/// <summary>How <see cref="BirdDescriptionWriter"/> words a synthetic description.</summary>
public enum DescriptionStyle
{
    /// <summary>
    /// One CUB-like caption of terse trait phrases, 60-140 characters: a short text window (the CPU configuration reads
    /// 96 characters) names most traits.
    /// </summary>
    Caption,

    /// <summary>
    /// Several sentences, one per trait, with unrelated sentences mixed in, 150-400 characters: only the reference's
    /// 448-character window reads all of it.
    /// </summary>
    Prose,
}
