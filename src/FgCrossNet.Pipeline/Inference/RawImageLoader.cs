using FgCrossNet.Data.Loading;

namespace FgCrossNet.Inference;

/// <summary>
/// Reads an image-like file into the image entry point's input: raw 0..255 values [3, S, S] by training's evaluation
/// preprocessing (<see cref="ImagePreprocessor.PreprocessRaw"/>). A missing, empty, corrupt or truncated file is a
/// problem (a message), not an exception, so that bulk extraction skips it and goes on.
/// </summary>
public sealed class RawImageLoader(ImagePreprocessOptions options)
{
    private readonly ImagePreprocessor _preprocessor = new(options with { Augmentation = ImageAugmentation.None });

    /// <summary>Values per item: 3·S·S.</summary>
    public int ItemLength => _preprocessor.ItemLength;

    public ImagePreprocessOptions Options => _preprocessor.Options;

    /// <summary>Fills <paramref name="destination"/>; returns null on success, else what is wrong with the file.</summary>
    public string? TryLoad(string path, Span<float> destination)
    {
        try
        {
            using var image = ImageDecoder.Decode(path);
            _preprocessor.PreprocessRaw(image, destination);
            return null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return e is FileNotFoundException ? "file not found" : e.Message;
        }
    }

    /// <summary>Whether the file decodes (what <see cref="TryLoad"/> would report), without resizing.</summary>
    public static string? CheckDecodable(string path)
    {
        try
        {
            using var image = ImageDecoder.Decode(path);
            return null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return e is FileNotFoundException ? "file not found" : e.Message;
        }
    }
}
