namespace FgCrossNet.Inference;

/// <summary>How the ML.NET image pipeline resizes before the centre crop.</summary>
public enum ImageResizeMode
{
    /// <summary>
    /// Training's own preprocessing (<see cref="Data.Loading.ImagePreprocessor.PreprocessRaw"/>: SkiaSharp decode,
    /// Pillow-exact bilinear resize to scale², centre crop) in a custom mapping: features equal TorchSharp's. Default.
    /// </summary>
    PillowExact,

    /// <summary>
    /// ML.NET's own transforms: LoadImages → ResizeImages (scale², stretched) → ExtractPixels (planar RGB, offset 0,
    /// scale 1) → centre crop (custom mapping). ResizeImages filters with SkiaSharp, not Pillow, so values differ a little.
    /// </summary>
    MlNet,
}
