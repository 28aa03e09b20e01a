namespace FgCrossNet.Model;

/// <summary>
/// What defines an <see cref="FgCrossNetModel"/>: the backbone depth, the number of classes C (the width of the output,
/// which is both the logits and, after softmax, the retrieval feature) and the text length L in characters.
/// The paper: ResNet-50, 200 classes, L = 448 (the same as the image size, so text and images share one batch).
/// </summary>
public sealed record NetworkArchitecture(ResNetDepth Depth = ResNetDepth.ResNet50, int NumClasses = NetworkArchitecture.PaperNumClasses, int TextLength = NetworkArchitecture.PaperTextLength)
{
    /// <summary>FG-XMedia's 200 bird classes.</summary>
    public const int PaperNumClasses = 200;

    /// <summary>The paper's text length L (characters) and image size S (pixels): 448.</summary>
    public const int PaperTextLength = 448;

    /// <summary>Rows of the character embedding: 69 characters (indices 1..69) and the padding index 0.</summary>
    public const int AlphabetSize = 70;

    /// <summary>The embedding row of padding (and of characters outside the vocabulary): 0, kept at zero.</summary>
    public const int PaddingIndex = 0;

    /// <summary>Width of the character embedding.</summary>
    public const int CharacterEmbeddingSize = 16;

    /// <summary>The paper's configuration (ResNet-50, 200 classes, L = 448).</summary>
    public static NetworkArchitecture Paper { get; } = new();

    /// <summary>Output channels of <c>conv01</c>: ⌊L/2⌋ (224 at L = 448).</summary>
    public int TextHiddenChannels => TextLength / 2;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless the depth is defined, C ≥ 1 and L ≥ 2.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Depth))
            throw new ArgumentOutOfRangeException(nameof(Depth), Depth, "Not a ResNet depth (18, 34, 50, 101 or 152).");
        if (NumClasses < 1)
            throw new ArgumentOutOfRangeException(nameof(NumClasses), NumClasses, "At least one class is needed.");
        if (TextLength < 2)
            throw new ArgumentOutOfRangeException(nameof(TextLength), TextLength, "The text length must be at least 2 (conv01 has L/2 channels).");
    }
}
