using System.Buffers;
using SkiaSharp;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// Decodes JPEG and PNG files with SkiaSharp into <see cref="DecodedImage"/>s (RGBA, 8 bits per channel, no colour
/// management and no EXIF rotation, as PIL's <c>Image.open(...).convert('RGB')</c>; byte-identical to Pillow 9.4 on the
/// JPEGs and PNGs tested, see PillowParityTests). Thread-safe. A file whose header claims more than
/// <see cref="MaxPixels"/> pixels is refused before any pixel buffer is allocated (a decompression bomb: a few bytes
/// can claim gigabytes of pixels).
/// </summary>
public static class ImageDecoder
{
    /// <summary>Pillow's default <c>Image.MAX_IMAGE_PIXELS</c>: 89,478,485 pixels (about 358 MB of RGBA).</summary>
    public const long DefaultMaxPixels = 1024L * 1024 * 1024 / 4 / 3;

    /// <summary>The most pixels a decodable image may have: RGBA bytes must fit one array.</summary>
    public const long LargestMaxPixels = int.MaxValue / 4;

    private static long _maxPixels = DefaultMaxPixels;

    /// <summary>
    /// Width x height above which an image is refused from its header (default <see cref="DefaultMaxPixels"/>; at most
    /// <see cref="LargestMaxPixels"/>). Process-wide; the command line sets it with <c>--max-image-pixels</c>.
    /// </summary>
    public static long MaxPixels
    {
        get => Interlocked.Read(ref _maxPixels);
        set
        {
            if (value is < 1 or > LargestMaxPixels)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"the pixel limit must be between 1 and {LargestMaxPixels:N0}");
            Interlocked.Exchange(ref _maxPixels, value);
        }
    }

    /// <summary>Decodes a file; a truncated or undecodable file throws <see cref="InvalidDataException"/> saying why.</summary>
    public static DecodedImage Decode(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException("file not found", path);
        using var data = SKData.Create(path) ?? throw new InvalidDataException("cannot read the file");
        if (data.Size == 0) throw new InvalidDataException("the file is empty");
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException("not a decodable image (unknown format or corrupt header)");
        return Decode(codec);
    }

    /// <summary>Decodes encoded bytes (JPEG, PNG, ...).</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length == 0) throw new InvalidDataException("no bytes to decode");
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException("not a decodable image (unknown format or corrupt header)");
        return Decode(codec);
    }

    private static unsafe DecodedImage Decode(SKCodec codec)
    {
        int width = codec.Info.Width, height = codec.Info.Height;
        if (width <= 0 || height <= 0) throw new InvalidDataException($"invalid image size {width}x{height}");
        long claimed = (long)width * height;
        if (claimed > MaxPixels)
            throw new InvalidDataException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the header claims {width}x{height} = {claimed:N0} pixels, more than the limit of {MaxPixels:N0} (a decompression bomb?); raise the limit with --max-image-pixels"));
        // Null colour space: no ICC conversion, so pixel values are the stored ones, like PIL.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = ArrayPool<byte>.Shared.Rent((int)(claimed * 4));
        try
        {
            SKCodecResult result;
            fixed (byte* p = pixels) result = codec.GetPixels(info, (IntPtr)p);
            if (result == SKCodecResult.IncompleteInput) throw new InvalidDataException("the image is truncated (incomplete data)");
            if (result != SKCodecResult.Success) throw new InvalidDataException($"decoding failed ({result})");
            return new DecodedImage(width, height, pixels, pooled: true);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(pixels);
            throw;
        }
    }
}
