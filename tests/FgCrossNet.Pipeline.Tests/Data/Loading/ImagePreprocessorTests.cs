using FgCrossNet.Core;
using FgCrossNet.Data;
using FgCrossNet.Data.Loading;
using SkiaSharp;
using TorchSharp;

namespace FgCrossNet.Pipeline.Tests.Data.Loading;

public class ImagePreprocessorTests
{
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    [Fact]
    public void SolidColourPngNormalisesEveryPixelToTheTorchvisionValue()
    {
        using var dir = new TempFolder();
        byte[] rgb = [200, 100, 30];
        var png = LoadingFixtures.WritePng(dir.File("solid.png"), 37, 23, (_, _) => new SKColor(rgb[0], rgb[1], rgb[2]));
        var options = new ImagePreprocessOptions { Scale = 20, Crop = 16 };
        var values = new float[3 * 16 * 16];
        using (var image = ImageDecoder.Decode(png)) new ImagePreprocessor(options).Preprocess(image, null, values);
        for (int c = 0; c < 3; c++)
        {
            // torchvision: ToTensor divides by 255 in float32, Normalize subtracts and divides in float32.
            float expected = (rgb[c] / 255f - Mean[c]) / Std[c];
            for (int i = 0; i < 16 * 16; i++) Assert.Equal(expected, values[c * 256 + i], 1e-6f);
        }
    }

    [Fact]
    public void CentreCropKeepsTheMiddleOfATwoColourImage()
    {
        // Left half red, right half blue, 40 px wide; resized to 20 (each colour 10 px), centre crop 10: columns 5..14
        // of the resized image, so the crop's left half is red and its right half blue, split at column 5.
        var image = TwoColour(40, 8);
        var values = Run(image, new ImagePreprocessOptions { Scale = 20, Crop = 10 }, null);
        float red = (1f - Mean[0]) / Std[0], noRed = (0f - Mean[0]) / Std[0];
        for (int y = 0; y < 10; y++)
        {
            for (int x = 0; x < 10; x++)
            {
                // The resize blends the two columns at the border (x = 4, 5 in the crop); elsewhere colours are pure.
                if (x is 4 or 5) continue;
                Assert.Equal(x < 5 ? red : noRed, values[y * 10 + x], 1e-6f);
            }
        }
        Assert.InRange(values[4], noRed, red); // blended border
    }

    [Fact]
    public void CentreCropOffsetRoundsHalfToEvenLikePython()
    {
        // Scale 20, crop 17: slack 3, offset round(1.5) = 2 (banker's rounding, as Python's round in torchvision).
        var p = new ImagePreprocessor(new ImagePreprocessOptions { Scale = 20, Crop = 17 });
        Assert.Equal((2, 2, false), p.CropWindow(null));
        p = new ImagePreprocessor(new ImagePreprocessOptions { Scale = 20, Crop = 15 });
        Assert.Equal((2, 2, false), p.CropWindow(null)); // round(2.5) = 2
    }

    [Fact]
    public void RandomCropAndFlipMirrorsAndMovesTheCrop()
    {
        var image = TwoColour(40, 8);
        var options = new ImagePreprocessOptions { Scale = 20, Crop = 10, Augmentation = ImageAugmentation.RandomCropAndFlip };
        var preprocessor = new ImagePreprocessor(options);
        var windows = Enumerable.Range(0, 200).Select(s => preprocessor.CropWindow(new Random(s))).ToArray();
        Assert.All(windows, w => Assert.InRange(w.Left, 0, 10));
        Assert.Contains(windows, w => w.Mirror);
        Assert.Contains(windows, w => !w.Mirror);
        Assert.True(windows.Select(w => w.Left).Distinct().Count() > 5);

        // Resized, columns 0..9 are red and 10..19 blue. A crop at left 5 spans columns 5..14; mirrored, its right
        // edge shows column 5 (red) and its left edge column 14 (blue).
        int seed = Enumerable.Range(0, 1000).First(s => preprocessor.CropWindow(new Random(s)) is { Left: 5, Mirror: true });
        var values = Run(image, options, new Random(seed));
        float red = (1f - Mean[0]) / Std[0];
        int top = preprocessor.CropWindow(new Random(seed)).Top;
        Assert.InRange(top, 0, 10);
        Assert.Equal(red, values[9], 1e-6f);     // mirrored: the right edge is red
        Assert.NotEqual(red, values[0], 1e-3f);  // and the left edge is not
    }

    [Fact]
    public void RandomAugmentationWithoutAGeneratorIsAnError() =>
        Assert.Throws<ArgumentException>(() => new ImagePreprocessor(new ImagePreprocessOptions { Augmentation = ImageAugmentation.RandomCropAndFlip }).CropWindow(null));

    [Fact]
    public void DatasetBatchHasShapeNx3xCropxCropFloat32()
    {
        using var dir = new TempFolder();
        LoadingFixtures.WriteSmallRoot(dir.Path);
        var layout = new DatasetLayout(dir.Path);
        var dataset = new ImageListDataset(dir.Path, layout.ListPath(Medium.Image, "train"), Medium.Image, new ImagePreprocessOptions { Scale = 32, Crop = 28 });
        using var batch = DatasetBatches.Load(dataset, DatasetBatches.Range(0, 5));
        Assert.Equal(new long[] { 5, 3, 28, 28 }, batch.shape);
        Assert.Equal(torch.ScalarType.Float32, batch.dtype);
    }

    [Fact]
    public void OptionsRejectACropLargerThanTheScale() =>
        Assert.Throws<ArgumentException>(() => new ImagePreprocessor(new ImagePreprocessOptions { Scale = 100, Crop = 112 }));

    private static DecodedImage TwoColour(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (x < width / 2) rgb[(y * width + x) * 3] = 255; else rgb[(y * width + x) * 3 + 2] = 255;
        return DecodedImage.FromRgb(width, height, rgb);
    }

    private static float[] Run(DecodedImage image, ImagePreprocessOptions options, Random? random)
    {
        var values = new float[3 * options.Crop * options.Crop];
        new ImagePreprocessor(options).Preprocess(image, random, values);
        return values;
    }
}
