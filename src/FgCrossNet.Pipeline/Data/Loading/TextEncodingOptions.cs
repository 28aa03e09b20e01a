namespace FgCrossNet.Data.Loading;

/// <summary>How a text file becomes a network input: a row of <see cref="Length"/> character indices (int64).</summary>
public sealed record TextEncodingOptions
{
    /// <summary>Encoded length L in characters (paper: 448). Longer texts are truncated, shorter ones zero-padded at the end.</summary>
    public int Length { get; init; } = 448;

    /// <summary>
    /// Lower-case the text before encoding. Off by default, as in the reference: its vocabulary has no upper-case
    /// letters, so without this option capitals are dropped ("Black-footed" encodes as "lack-footed").
    /// </summary>
    public bool Lowercase { get; init; }

    public TextLineMode LineMode { get; init; } = TextLineMode.WholeFile;

    /// <summary>The characters encoded (default: the reference's 68, no space).</summary>
    public TextVocabulary Vocabulary { get; init; } = TextVocabulary.Reference;

    /// <summary>
    /// Training augmentation of the reference: 0, 2, 4, 6 or 8 zeros (uniformly) before the text, then truncation to
    /// <see cref="Length"/>. Applied only when a random generator is given (training), never at evaluation.
    /// </summary>
    public bool RandomLeftPadding { get; init; }

    public static TextEncodingOptions Paper { get; } = new();

    public void Validate()
    {
        if (Length <= 0) throw new ArgumentException($"text length must be positive, got {Length}");
    }
}
