using FgCrossNet.Core;
using FgCrossNet.Data;

namespace FgCrossNet.Pipeline.Tests.Inference;

/// <summary><c>fgcrossnet retrieve</c> over a gallery made by <c>fgcrossnet extract</c>: an item of the gallery finds itself first; every medium can ask.</summary>
[Collection(InferenceCollection.Name)]
public sealed class RetrieveCommandTests(InferenceFixture fixture)
{
    [Fact]
    public void A_gallery_image_finds_itself_first_and_the_page_shows_previews()
    {
        using var folder = new TempFolder();
        var gallery = Path.Combine(folder.Path, "gallery");
        Assert.Equal(0, CliProcess.Run("extract", "--model", fixture.ImageModelPath, "--data", fixture.Root, "--out", gallery).ExitCode);
        var layout = new DatasetLayout(fixture.Root);
        var entry = ListFile.Read(layout.ListPath(Medium.Image, "test"))[1];
        var page = Path.Combine(folder.Path, "page.html");

        var result = CliProcess.Run("retrieve", "--model", fixture.ImageModelPath, "--gallery", gallery, "--query", Path.Combine(fixture.Root, entry.RelativePath),
            "--top", "5", "--html", page);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var first = lines.First(l => l.TrimStart().StartsWith("1 ", StringComparison.Ordinal));
        Assert.Contains(entry.RelativePath, first);
        Assert.Contains("0.000000", first);
        Assert.Equal(5, lines.Count(l => char.IsDigit(l.TrimStart().FirstOrDefault()) && l.Contains("  ", StringComparison.Ordinal) && !l.StartsWith("page", StringComparison.Ordinal)));
        var html = File.ReadAllText(page);
        Assert.Contains("<img src=\"file://", html);
        Assert.Contains(Path.GetFileName(entry.RelativePath), html);
    }

    [Fact]
    public void Text_and_video_queries_rank_items_of_every_medium()
    {
        using var folder = new TempFolder();
        var gallery = Path.Combine(folder.Path, "gallery");
        Assert.Equal(0, CliProcess.Run("extract", "--model", fixture.ImageModelPath, "--data", fixture.Root, "--out", gallery).ExitCode);
        var page = Path.Combine(folder.Path, "page.html");

        var text = CliProcess.Run("retrieve", "--model", fixture.ImageModelPath, "--gallery", gallery, "--query", "a small bird with a black bill", "--top", "50", "--html", page);
        Assert.True(text.ExitCode == 0, text.StdErr);
        Assert.Contains("query (text)", text.StdOut);
        foreach (var medium in new[] { " image ", " text ", " audio ", " video " }) Assert.Contains(medium, text.StdOut);

        var videoFolder = Path.GetDirectoryName(fixture.Files("video", "*.jpg")[0])!;
        var video = CliProcess.Run("retrieve", "--model", fixture.ImageModelPath, "--gallery", gallery, "--query", videoFolder, "--top", "3", "--html", page);
        Assert.True(video.ExitCode == 0, video.StdErr);
        Assert.Contains("query (video)", video.StdOut);
    }

    [Fact]
    public void A_folder_that_is_not_a_gallery_is_named()
    {
        using var folder = new TempFolder();
        var result = CliProcess.Run("retrieve", "--model", fixture.ImageModelPath, "--gallery", folder.Path, "--query", "gull");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(folder.Path, result.StdErr);
    }
}
