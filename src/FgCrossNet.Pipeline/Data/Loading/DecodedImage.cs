using System.Buffers;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// A decoded 8-bit image: <see cref="Width"/> x <see cref="Height"/> pixels, row-major, 4 bytes per pixel in the order
/// R, G, B, A (alpha unpremultiplied and ignored, as PIL's <c>convert('RGB')</c> drops it). The pixel buffer may be
/// rented from a pool and longer than needed: dispose the image to return it.
/// </summary>
public sealed class DecodedImage : IDisposable
{
    private byte[]? _pixels;
    private readonly bool _pooled;

    internal DecodedImage(int width, int height, byte[] pixels, bool pooled)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "image size must be positive");
        if (pixels.Length < (long)width * height * 4) throw new ArgumentException("pixel buffer is shorter than width*height*4", nameof(pixels));
        Width = width;
        Height = height;
        _pixels = pixels;
        _pooled = pooled;
    }

    /// <summary>An image from packed RGB bytes (3 per pixel, row-major), e.g. for tests.</summary>
    public static DecodedImage FromRgb(int width, int height, ReadOnlySpan<byte> rgb)
    {
        if (rgb.Length != width * height * 3) throw new ArgumentException($"expected {width * height * 3} RGB bytes, got {rgb.Length}", nameof(rgb));
        var rgba = new byte[width * height * 4];
        for (int i = 0; i < width * height; i++)
        {
            rgba[i * 4] = rgb[i * 3];
            rgba[i * 4 + 1] = rgb[i * 3 + 1];
            rgba[i * 4 + 2] = rgb[i * 3 + 2];
            rgba[i * 4 + 3] = 255;
        }
        return new DecodedImage(width, height, rgba, pooled: false);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>RGBA bytes, <c>Width*Height*4</c> long.</summary>
    public ReadOnlySpan<byte> Rgba => (_pixels ?? throw new ObjectDisposedException(nameof(DecodedImage))).AsSpan(0, Width * Height * 4);

    public void Dispose()
    {
        var pixels = Interlocked.Exchange(ref _pixels, null);
        if (pixels is not null && _pooled) ArrayPool<byte>.Shared.Return(pixels);
    }
}
