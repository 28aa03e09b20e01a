using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using FgCrossNet.Core;
using FgCrossNet.Data.Loading;
using FgCrossNet.Data;
using FgCrossNet.Synthetic;

namespace FgCrossNet.Pipeline.Tests.Data.Loading;

/// <summary>
/// Decompression bombs: tiny PNG files whose header claims a huge image. They are refused from the header, before any
/// pixel buffer is allocated, with a message naming the size, the limit and the option that raises it.
/// </summary>
public class DecompressionBombTests
{
    /// <summary>A well-formed PNG (valid chunk CRCs) whose IHDR claims <paramref name="width"/> x <paramref name="height"/> RGB pixels but whose data holds a few bytes.</summary>
    internal static byte[] Png(int width, int height)
    {
        using var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a]);
        void Chunk(string type, byte[] data)
        {
            var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            Span<byte> number = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
            file.Write(number);
            file.Write(typed);
            BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.HashToUInt32(typed));
            file.Write(number);
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk("IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(new byte[10]);
            Chunk("IDAT", compressed.ToArray());
        }
        Chunk("IEND", []);
        return file.ToArray();
    }

    [Theory]
    [InlineData(100_000, 100_000)]
    [InlineData(20_000, 20_000)]
    public void A_header_claiming_more_pixels_than_the_limit_is_refused_before_allocating(int width, int height)
    {
        using var dir = new TempFolder();
        var path = dir.File("bomb.png");
        File.WriteAllBytes(path, Png(width, height));
        Assert.True(new FileInfo(path).Length < 100);

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Contains($"{width}x{height}", e.Message);
        Assert.Contains("--max-image-pixels", e.Message);
        Assert.True(allocated < 10 << 20, $"{allocated:N0} bytes allocated for a refused image");
    }

    [Fact]
    public void Data_check_names_each_bomb_and_the_limit_can_be_lowered_on_the_command_line()
    {
        using var dir = new TempFolder();
        var root = Path.Combine(dir.Path, "data");
        FixtureRootWriter.Write(root, new FixtureRootWriter.Options
        {
            Classes = 2, ImagesPerClass = 3, TextsPerClass = 1, AudioPerClass = 1, VideosPerClass = 1, FramesPerVideo = 2,
            ImageWidth = 24, ImageHeight = 16, SpectrogramWidth = 16, SpectrogramHeight = 12, FrameWidth = 16, FrameHeight = 12,
        });
        var layout = new DatasetLayout(root);
        var train = ListFile.Read(layout.ListPath(Medium.Image, "train"));
        File.WriteAllBytes(Path.Combine(root, train[0].RelativePath), Png(100_000, 100_000));
        File.WriteAllBytes(Path.Combine(root, train[1].RelativePath), Png(20_000, 20_000));

        var result = CliProcess.Run("data", "check", "--root", root, "--verify-decode");
        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.Contains(train[0].RelativePath, result.StdOut);
        Assert.Contains(train[1].RelativePath, result.StdOut);
        Assert.Contains("100000x100000", result.StdOut);
        Assert.Contains("20000x20000", result.StdOut);

        // Lowered to 100 pixels, every 24 x 16 photo is over the limit too.
        var lowered = CliProcess.Run("data", "check", "--root", root, "--verify-decode", "--show", "100", "--max-image-pixels", "100");
        Assert.Equal(1, lowered.ExitCode);
        Assert.Contains($"{train[2].RelativePath}: the header claims 24x16", lowered.StdOut);
    }
}
