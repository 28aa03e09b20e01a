using FgCrossNet.Data.Loading;

namespace FgCrossNet.Pipeline.Tests.Data.Loading;

public class BilinearResizeTests
{
    // Expected bytes from Pillow 9.4 (Image.new('RGB', (w, h)) filled with Pattern, .resize((ow, oh), Image.BILINEAR).tobytes()).
    [Theory]
    [InlineData(7, 5, 3, 4, "266db478a5a49f42603f86b68e86764d74955980b0675f8487997a7383787675809e7c7e")]
    [InlineData(23, 17, 6, 5, "5d819e7676827e7a8186777d77767b7469806c8387807e8188768c898789886b857e777f8a7a86867f848a6a94817b81807c84837189737d83878385817a817a7c8171778c7c817779b15e777c85827f886482926a669aa7775f")]
    [InlineData(7, 5, 11, 9, "00478e11589f286fb64087ce579ee56fb6fd87ce729e9f2cb61444cd145bde256c044b92175ea53178bf4b92d965acd480c7b89aab669d774281255d933077a6438a0a51982067ae3f86cd5da4eb7cc3b89be246bb71539b35682a4186335ea54a74bb10579e2a71b84d94d070b7ab94b17cb78c4592556966458c2f68af458c955fa67b165da4337ac15ba2d183ca57ab9539d31a61584289236ab14b92d973ba7690d71e1c63aa3c83ca69a3df9575698f525061367d4562a9488faf75bc81a19b63c17a4f2269b0468dc777a7d4a835747d21680b52993c83b76dada19ecb41c07e5dd63a81286fb64f968f85b560bb486093377e266db45ca37e92aa5ec8745ea16c8c7a6bb22c73ba549b6e8dbd1bc65354a1458c377ec570b75ba8a936e13f6f8e61a84289d0")]
    public void MatchesPillowBilinearByteForByte(int width, int height, int outWidth, int outHeight, string expectedHex)
    {
        using var image = Pattern(width, height);
        var output = new byte[outWidth * outHeight * 3];
        BilinearResize.ResizeWindow(image, outWidth, outHeight, 0, 0, outWidth, outHeight, output);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(output));
    }

    [Fact]
    public void AWindowEqualsTheSameRegionOfTheFullResize()
    {
        using var image = Pattern(23, 17);
        var full = new byte[19 * 13 * 3];
        BilinearResize.ResizeWindow(image, 19, 13, 0, 0, 19, 13, full);
        var window = new byte[7 * 5 * 3];
        BilinearResize.ResizeWindow(image, 19, 13, 4, 6, 7, 5, window);
        for (int y = 0; y < 5; y++)
            Assert.Equal(full.AsSpan(((6 + y) * 19 + 4) * 3, 21).ToArray(), window.AsSpan(y * 21, 21).ToArray());
    }

    [Fact]
    public void SameSizeIsTheIdentity()
    {
        using var image = Pattern(9, 4);
        var output = new byte[9 * 4 * 3];
        BilinearResize.ResizeWindow(image, 9, 4, 0, 0, 9, 4, output);
        for (int i = 0; i < 9 * 4; i++)
            Assert.Equal(image.Rgba.Slice(i * 4, 3).ToArray(), output.AsSpan(i * 3, 3).ToArray());
    }

    private static DecodedImage Pattern(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < 3; c++)
                    rgb[(y * width + x) * 3 + c] = (byte)((x * 37 + y * 11 + c * 71 + x * y * 13) % 256);
        return DecodedImage.FromRgb(width, height, rgb);
    }
}
