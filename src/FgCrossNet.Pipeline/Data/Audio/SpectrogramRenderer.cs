using FgCrossNet.IO;
using SkiaSharp;

namespace FgCrossNet.Data.Audio;

/// <summary>
/// Draws a dB spectrogram the way <c>librosa.display.specshow</c> shows it: the <see cref="MagmaColourMap"/> over the
/// data's own range (matplotlib's default normalisation: minimum to maximum; a constant matrix is drawn in the lowest
/// colour), frequency bin 0 on the BOTTOM row, time from left to right; then resized to
/// <see cref="Width"/> x <see cref="Height"/> pixels (high-quality filtering) and saved as PNG.
/// </summary>
/// <param name="width">Output width in pixels (the reference: 700).</param>
/// <param name="height">Output height in pixels (the reference: 700).</param>
public sealed class SpectrogramRenderer(int width = SpectrogramRenderer.ReferenceSize, int height = SpectrogramRenderer.ReferenceSize)
{
    /// <summary>Side of the reference's square spectrogram images, in pixels: 700.</summary>
    public const int ReferenceSize = 700;

    public int Width { get; } = width > 0 ? width : throw new ArgumentOutOfRangeException(nameof(width), width, "the image width must be positive");

    public int Height { get; } = height > 0 ? height : throw new ArgumentOutOfRangeException(nameof(height), height, "the image height must be positive");

    /// <summary>The image of a <c>[frequency bin, frame]</c> matrix, one pixel per cell, lowest bin at the bottom (not resized).</summary>
    public static SKBitmap RenderNative(double[,] decibels)
    {
        int bins = decibels.GetLength(0), frames = decibels.GetLength(1);
        if (bins == 0 || frames == 0) throw new ArgumentException("the spectrogram is empty", nameof(decibels));
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in decibels)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        double range = max - min;
        var bitmap = new SKBitmap(new SKImageInfo(frames, bins, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new SKColor[frames * bins];
        for (int k = 0; k < bins; k++)
        {
            int row = bins - 1 - k;
            for (int t = 0; t < frames; t++)
                pixels[row * frames + t] = MagmaColourMap.Map(range > 0 ? (decibels[k, t] - min) / range : 0);
        }
        bitmap.Pixels = pixels;
        return bitmap;
    }

    /// <summary>The spectrogram image at <see cref="Width"/> x <see cref="Height"/>.</summary>
    public SKBitmap Render(double[,] decibels)
    {
        using var native = RenderNative(decibels);
        if (native.Width == Width && native.Height == Height) return native.Copy();
        var resized = native.Resize(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque), SKFilterQuality.High);
        return resized ?? throw new InvalidOperationException($"SkiaSharp could not resize a {native.Width}x{native.Height} image to {Width}x{Height}");
    }

    /// <summary>The spectrogram image encoded as PNG.</summary>
    public byte[] EncodePng(double[,] decibels)
    {
        using var bitmap = Render(decibels);
        using var pixels = bitmap.PeekPixels();
        // Skia's default PNG settings (all filters, zlib level 6) took ~0.6 s for a 700x700 spectrogram; the Sub filter
        // at level 3 takes about a third of that for files ~10 % larger. PNG is lossless either way.
        using var data = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 3));
        return data.ToArray();
    }

    /// <summary>Writes the spectrogram image to <paramref name="path"/> as PNG, atomically.</summary>
    public void WritePng(double[,] decibels, string path)
    {
        var png = EncodePng(decibels);
        AtomicFile.Write(path, s => s.Write(png));
    }
}
