using System.Security.Cryptography;
using FgCrossNet.Data.Loading;

namespace FgCrossNet.Pipeline.Tests.Data.Loading;

/// <summary>
/// Decoding and resizing agree byte for byte with PIL, which the reference's transforms use. The expected hashes come
/// from Pillow 9.4 (Debian 12): <c>Image.open(jpeg).convert('RGB')</c>, then <c>.resize((24, 24), Image.BILINEAR)
/// .crop((3, 3, 21, 21))</c>, each <c>.tobytes()</c> hashed with MD5.
/// </summary>
public class PillowParityTests
{
    // A 40x30 JPEG (quality 85, 4:2:0) written by Pillow.
    private const string Jpeg = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAUDBAQEAwUEBAQFBQUGBwwIBwcHBw8LCwkMEQ8SEhEPERETFhwXExQaFRERGCEYGh0dHx8fExciJCIeJBweHx7/2wBDAQUFBQcGBw4ICA4eFBEUHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh7/wAARCAAeACgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDa0y+awmaVI0csu3DVY0C1ju7x3mUMqDO3sSazKu6Re/YrncwzGww2OtfdfVKcKk60I+/JJN97bfmeNm9KtPBVVh/ja0/r0udbgbQuBjGMYrlvEFrHbXo8oYSQbselbceq2bRGR5VTBIAzkkdjiuf1a8+2XRkAIRRhQfSigpXufD8IYLHUca5Si4ws73ur9vmU6Kt22nX9ynmQWsrp2OODRTljcNBuMqkU/VH6XdFjUdHmsBH58sbM+eFzkVnzqsKl2YBB1J4xXceINON5EsiOFePPXoRXn2oJ5jzQzfOuSpHavDw1XMsRj5pSShFXStv+q1/4Y9TCrBzwkXNPmb1a6a/dsLBdW9wSIZo3I6hTWnoVsl3qsEMvKFssPUAZxXn2kFk1eERsR+8x+FdzYXL2l3Fcx/eQ5we/tU5Rm9bOMDVajyzV1pte2jPS4pyCGS4iNOnNyjKN1fc74ahZJfLp4kUT44QDgcdPTpRUVnbWN5NHq62+JmXIJPTjFFfmHLUjKSqbpnxdH23ve1tvpbt0v5n/2Q==";

    [Fact]
    public void JpegDecodesToPillowsPixels()
    {
        using var image = ImageDecoder.Decode(Convert.FromBase64String(Jpeg));
        Assert.Equal((40, 30), (image.Width, image.Height));
        var rgb = new byte[40 * 30 * 3];
        for (int i = 0; i < 40 * 30; i++)
            for (int c = 0; c < 3; c++)
                rgb[i * 3 + c] = image.Rgba[i * 4 + c];
        Assert.Equal("a07a7dbb32b34474174131fac151a358", Convert.ToHexStringLower(MD5.HashData(rgb)));
    }

    [Fact]
    public void ResizeThenCentreCropMatchesPillow()
    {
        using var image = ImageDecoder.Decode(Convert.FromBase64String(Jpeg));
        var window = new byte[18 * 18 * 3];
        BilinearResize.ResizeWindow(image, 24, 24, 3, 3, 18, 18, window);
        Assert.Equal("1f1fe8db12ee99feb1545f3b4dc68164", Convert.ToHexStringLower(MD5.HashData(window)));
    }
}
