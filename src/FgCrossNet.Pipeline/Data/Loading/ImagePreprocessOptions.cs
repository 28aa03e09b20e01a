namespace FgCrossNet.Data.Loading;

/// <summary>
/// How an image-like item (photo, video frame, audio spectrogram) becomes a network input: resize to
/// <see cref="Scale"/> x <see cref="Scale"/> pixels (aspect ratio not kept, as the reference's
/// <c>Resize((512, 512))</c>), crop <see cref="Crop"/> x <see cref="Crop"/>, scale to [0, 1], then per channel
/// <c>(x - Mean[c]) / Std[c]</c>. The result is float32, channels first: [3, Crop, Crop] in R, G, B order.
/// </summary>
public sealed record ImagePreprocessOptions
{
    /// <summary>Side of the resized square image, in pixels (paper: 512).</summary>
    public int Scale { get; init; } = 512;

    /// <summary>Side of the square crop fed to the network, in pixels (paper: 448); at most <see cref="Scale"/>.</summary>
    public int Crop { get; init; } = 448;

    /// <summary>Per-channel mean subtracted after scaling to [0, 1] (ImageNet: 0.485, 0.456, 0.406).</summary>
    public IReadOnlyList<float> Mean { get; init; } = [0.485f, 0.456f, 0.406f];

    /// <summary>Per-channel standard deviation divided by (ImageNet: 0.229, 0.224, 0.225).</summary>
    public IReadOnlyList<float> Std { get; init; } = [0.229f, 0.224f, 0.225f];

    public ImageAugmentation Augmentation { get; init; } = ImageAugmentation.None;

    /// <summary>The paper's sizes: 512 resized, 448 cropped.</summary>
    public static ImagePreprocessOptions Paper { get; } = new();

    /// <summary>Small sizes for CPU runs: 128 resized, 112 cropped.</summary>
    public static ImagePreprocessOptions Cpu { get; } = new() { Scale = 128, Crop = 112 };

    /// <summary>Throws <see cref="ArgumentException"/> when the sizes or statistics are unusable.</summary>
    public void Validate()
    {
        if (Scale <= 0) throw new ArgumentException($"image scale must be positive, got {Scale}");
        if (Crop <= 0 || Crop > Scale) throw new ArgumentException($"image crop must be in [1, scale={Scale}], got {Crop}");
        if (Mean.Count != 3 || Std.Count != 3) throw new ArgumentException("image mean and std need 3 values (R, G, B)");
        if (Std.Any(s => !(s > 0))) throw new ArgumentException("image std values must be positive");
    }
}
