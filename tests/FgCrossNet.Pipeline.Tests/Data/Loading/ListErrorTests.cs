using FgCrossNet.Core;
using FgCrossNet.Data.Loading;
using FgCrossNet.IO;
using FgCrossNet.Synthetic;

namespace FgCrossNet.Pipeline.Tests.Data.Loading;

public class ListErrorTests
{
    [Theory]
    [InlineData("image/A/a.png 0\nimage/A/b.png\n", 2, "expected 2 fields")]
    [InlineData("image/A/a.png zero\n", 1, "not an integer")]
    [InlineData("image/A/a.png 0\n\nimage/A/a.png 7\n", 3, "out of range")]
    [InlineData("../outside.png 0\n", 1, "escapes the dataset root")]
    [InlineData("/etc/passwd 0\n", 1, "absolute")]
    public void BadListLinesNameTheFileAndLine(string list, int line, string problem)
    {
        using var dir = new TempFolder();
        LoadingFixtures.WritePng(dir.File("image/A/a.png"), 4, 4, (_, _) => SkiaSharp.SKColors.Red);
        var path = dir.File("list/image/train.txt");
        File.WriteAllText(path, list);
        var e = Assert.Throws<InvalidInputException>(() => new ImageListDataset(dir.Path, path, Medium.Image, ImagePreprocessOptions.Cpu, classCount: 3));
        Assert.Equal(path, e.Path);
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void AMissingFileNamesTheFirstMissingLineAndCountsTheOthers()
    {
        using var dir = new TempFolder();
        LoadingFixtures.WritePng(dir.File("image/A/a.png"), 4, 4, (_, _) => SkiaSharp.SKColors.Red);
        var path = dir.File("list/image/train.txt");
        File.WriteAllText(path, "image/A/a.png 0\nimage/A/gone1.png 0\nimage/A/gone2.png 0\n");
        var e = Assert.Throws<InvalidInputException>(() => new ImageListDataset(dir.Path, path, Medium.Image, ImagePreprocessOptions.Cpu));
        Assert.Equal(2, e.Line);
        Assert.Contains("image/A/gone1.png", e.Message);
        Assert.Contains("1 more", e.Message);
    }

    [Fact]
    public void ATruncatedJpegIsReportedAsTruncated()
    {
        using var dir = new TempFolder();
        FixtureRootWriter.Write(dir.Path, new FixtureRootWriter.Options { Classes = 1, ImagesPerClass = 1, TextsPerClass = 1, AudioPerClass = 1, VideosPerClass = 1, FramesPerVideo = 1, TestPerClass = 0 });
        var jpeg = Directory.GetFiles(Path.Combine(dir.Path, "image"), "*.jpg", SearchOption.AllDirectories).Single();
        var bytes = File.ReadAllBytes(jpeg);
        File.WriteAllBytes(jpeg, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(jpeg).Dispose());
        Assert.Contains("truncated", e.Message);
    }
}
