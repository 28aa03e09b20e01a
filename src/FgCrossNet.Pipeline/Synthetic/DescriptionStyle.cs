namespace FgCrossNet.Synthetic;

/// <summary>How <see cref="BirdDescriptionWriter"/> words a synthetic description.</summary>
public enum DescriptionStyle
{
    /// <summary>
    /// One CUB-like caption of terse trait phrases, 61-207 characters (mean 133 on the default dataset): a short text
    /// window (the CPU configuration reads 96 characters) names most traits.
    /// </summary>
    Caption,

    /// <summary>
    /// Several sentences, one per trait, with unrelated sentences mixed in, 109-403 characters (mean 265 on the default
    /// dataset): only the reference's 448-character window reads all of it.
    /// </summary>
    Prose,
}
