using FgCrossNet.Data.Audio;
using SkiaSharp;

namespace FgCrossNet.Pipeline.Tests.Data.Audio;

public class SpectrogramRendererTests
{
    [Theory]
    [InlineData(128, 128)]
    [InlineData(90, 200)]
    public void A_tones_brightest_row_sits_at_its_height_with_low_frequencies_at_the_bottom(int width, int height)
    {
        using var dir = new TempFolder();
        var computer = new SpectrogramComputer();
        int bins = computer.FrequencyBins;
        foreach (var frequency in new[] { 1000.0, 6000.0 })
        {
            var db = computer.Decibels(TestSignals.Sine(frequency, 1.0, AudioDecoder.ReferenceSampleRate));
            var png = dir.File($"tone{frequency}.png");
            new SpectrogramRenderer(width, height).WritePng(db, png);

            using var bitmap = SKBitmap.Decode(png);
            Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
            int brightest = Enumerable.Range(0, height).MaxBy(y => Enumerable.Range(0, width).Average(x => Luminance(bitmap.GetPixel(x, y))));
            double bin = frequency * 2048 / AudioDecoder.ReferenceSampleRate;
            double expected = height - 1 - bin * height / bins;
            Assert.InRange(brightest, expected - 1.5, expected + 1.5);
        }
    }

    private static double Luminance(SKColor c) => 0.2126 * c.Red + 0.7152 * c.Green + 0.0722 * c.Blue;

    [Fact]
    public void Cells_take_magma_colours_over_the_data_range_with_bin_zero_on_the_bottom_row()
    {
        // bins x frames = 2 x 3; range -80..0
        var db = new double[,] { { -80, -40, 0 }, { -60, -20, -80 } };
        using var bitmap = SpectrogramRenderer.RenderNative(db);
        Assert.Equal((3, 2), (bitmap.Width, bitmap.Height));
        Assert.Equal(MagmaColourMap.Colour(0), bitmap.GetPixel(0, 1));   // bin 0, frame 0: minimum
        Assert.Equal(MagmaColourMap.Colour(128), bitmap.GetPixel(1, 1)); // (−40 + 80) / 80 = 0.5 -> floor(128)
        Assert.Equal(MagmaColourMap.Colour(255), bitmap.GetPixel(2, 1)); // maximum
        Assert.Equal(MagmaColourMap.Colour(64), bitmap.GetPixel(0, 0));  // bin 1 on top: 0.25 -> 64
        Assert.Equal(MagmaColourMap.Colour(192), bitmap.GetPixel(1, 0)); // 0.75 -> 192

        using var flat = SpectrogramRenderer.RenderNative(new double[2, 2]);
        Assert.Equal(MagmaColourMap.Colour(0), flat.GetPixel(1, 1)); // matplotlib maps a constant image to the lowest colour
    }

    [Fact]
    public void Magma_bytes_and_indices_equal_matplotlibs()
    {
        // matplotlib 3.6.3: cm.get_cmap('magma')(i, bytes=True) and (x, bytes=True)
        Assert.Equal(new SKColor(0, 0, 3), MagmaColourMap.Colour(0));
        Assert.Equal(new SKColor(0, 0, 4), MagmaColourMap.Colour(1));
        Assert.Equal(new SKColor(80, 18, 123), MagmaColourMap.Colour(64));
        Assert.Equal(new SKColor(182, 54, 121), MagmaColourMap.Colour(128));
        Assert.Equal(new SKColor(251, 136, 97), MagmaColourMap.Colour(192));
        Assert.Equal(new SKColor(251, 250, 189), MagmaColourMap.Colour(254));
        Assert.Equal(new SKColor(251, 252, 191), MagmaColourMap.Colour(255));
        Assert.Equal(new SKColor(182, 54, 121), MagmaColourMap.Map(0.5));
        Assert.Equal(new SKColor(251, 252, 191), MagmaColourMap.Map(0.999));
        Assert.Equal(new SKColor(251, 252, 191), MagmaColourMap.Map(1.0));
        Assert.Equal(new SKColor(0, 0, 4), MagmaColourMap.Map(0.00390625));
        Assert.Equal(new SKColor(0, 0, 3), MagmaColourMap.Map(0.0039));
        Assert.Equal(0, MagmaColourMap.IndexOf(-0.2));
        Assert.Equal(255, MagmaColourMap.IndexOf(1.7));
    }
}
