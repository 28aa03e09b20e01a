using System.Buffers;
using SkiaSharp;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// Decodes JPEG and PNG files with SkiaSharp into <see cref="DecodedImage"/>s (RGBA, 8 bits per channel, no colour
/// management and no EXIF rotation, as PIL's <c>Image.open(...).convert('RGB')</c>; byte-identical to Pillow 9.4 on the
/// JPEGs and PNGs tested, see PillowParityTests). Thread-safe.
/// </summary>
public static class ImageDecoder
{
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
        // Null colour space: no ICC conversion, so pixel values are the stored ones, like PIL.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = ArrayPool<byte>.Shared.Rent(checked(width * height * 4));
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
