using FgCrossNet.Data.Loading;
using FgCrossNet.Synthetic;
using SkiaSharp;

namespace FgCrossNet.Pipeline.Tests.Data.Loading;

/// <summary>Small images and dataset roots written for the loading tests.</summary>
internal static class LoadingFixtures
{
    /// <summary>Writes a PNG (lossless, so decoded pixels are exact) from a per-pixel colour function.</summary>
    public static string WritePng(string path, int width, int height, Func<int, int, SKColor> colour)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                bitmap.SetPixel(x, y, colour(x, y));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    /// <summary>A small root: 3 classes; images 64x48 (fast to decode); 2 frames per video.</summary>
    public static void WriteSmallRoot(string root, int imagesPerClass = 4, int textsPerClass = 3, int audioPerClass = 4, int videosPerClass = 2) =>
        FixtureRootWriter.Write(root, new FixtureRootWriter.Options
        {
            Classes = 3,
            ImagesPerClass = imagesPerClass,
            TextsPerClass = textsPerClass,
            AudioPerClass = audioPerClass,
            VideosPerClass = videosPerClass,
            FramesPerVideo = 2,
            ImageWidth = 64, ImageHeight = 48,
            SpectrogramWidth = 40, SpectrogramHeight = 30,
            FrameWidth = 48, FrameHeight = 36,
        });
}
