using FgCrossNet.Core;
using FgCrossNet.Data.Loading;
using FgCrossNet.Data;
using FgCrossNet.Evaluation;
using FgCrossNet.Inference;
using FgCrossNet.IO;
using FgCrossNet.Synthetic;

namespace FgCrossNet.Pipeline.Tests.Inference;

/// <summary><c>fgcrossnet extract</c> on bad input: bad items are named, skipped and counted; bad arguments and foreign models exit 2 with nothing written.</summary>
[Collection(InferenceCollection.Name)]
public sealed class ExtractCommandTests(InferenceFixture fixture)
{
    [Fact]
    public void A_corrupt_image_an_empty_text_and_a_missing_frame_are_reported_by_path_and_skipped()
    {
        using var folder = new TempFolder();
        var root = Path.Combine(folder.Path, "data");
        FixtureRootWriter.Write(root, new FixtureRootWriter.Options
        {
            Classes = 2, ImagesPerClass = 3, TextsPerClass = 2, AudioPerClass = 2, VideosPerClass = 1, FramesPerVideo = 3, TestPerClass = 1,
            ImageWidth = 40, ImageHeight = 30, SpectrogramWidth = 40, SpectrogramHeight = 30, FrameWidth = 40, FrameHeight = 30,
        });
        var layout = new DatasetLayout(root);
        var images = ListFile.Read(layout.ListPath(Medium.Image, "test"));
        var texts = ListFile.Read(layout.ListPath(Medium.Text, "test"));
        var frames = ListFile.Read(layout.ListPath(Medium.Video, "test"));
        var corrupt = Path.Combine(root, images[1].RelativePath);
        File.WriteAllBytes(corrupt, [1, 2, 3, 4, 5]);
        var empty = Path.Combine(root, texts[0].RelativePath);
        File.WriteAllText(empty, "");
        var missing = Path.Combine(root, frames[0].RelativePath); // the first video's first frame is one of its 2 sampled frames
        File.Delete(missing);

        var output = Path.Combine(folder.Path, "features");
        var result = CliProcess.Run("extract", "--model", fixture.ImageModelPath, "--data", root, "--out", output);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains($"skipped {corrupt}", result.StdOut);
        Assert.Contains($"skipped {empty}: empty text", result.StdOut);
        Assert.Contains($"skipped {missing}", result.StdOut);
        Assert.Equal(images.Count - 1, File.ReadAllLines(Path.Combine(output, "image", FeatureFolder.LabelFileName)).Length);
        Assert.Equal(texts.Count - 1, File.ReadAllLines(Path.Combine(output, "text", FeatureFolder.TextFileName)).Length);
        var videos = VideoGrouping.Group(frames, layout.ListPath(Medium.Video, "test"));
        Assert.Equal(videos.Count, File.ReadAllLines(Path.Combine(output, "video", MediumFeatureWriter.ItemsFileName)).Length);
        Assert.Contains("1 unreadable frames", result.StdOut);
        Assert.Contains(corrupt, File.ReadAllText(Path.Combine(output, "image", FeatureExtraction.SkippedFileName)));
        Assert.DoesNotContain(images[1].RelativePath, File.ReadAllText(Path.Combine(output, "image", MediumFeatureWriter.ItemsFileName)));
        // What was written is what eval reads.
        Assert.Equal(0, CliProcess.Run("eval", "--features", output).ExitCode);
    }

    [Fact]
    public void An_ONNX_file_that_is_not_an_export_exits_2_naming_it_and_writes_nothing()
    {
        using var folder = new TempFolder();
        var foreign = folder.File("other.onnx");
        var model = new Onnx.ModelProto { IrVersion = 8, ProducerName = "pytorch", Graph = new Onnx.GraphProto { Name = "g" } };
        File.WriteAllBytes(foreign, Google.Protobuf.MessageExtensions.ToByteArray(model));
        var output = Path.Combine(folder.Path, "features");
        var result = CliProcess.Run("extract", "--model", foreign, "--data", fixture.Root, "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(foreign, result.StdErr);
        Assert.Contains("not an FGCrossNet export", result.StdErr);
        Assert.False(Directory.Exists(output));
    }

    private static string SmallRoot(string folder)
    {
        var root = Path.Combine(folder, "data");
        FixtureRootWriter.Write(root, new FixtureRootWriter.Options
        {
            Classes = 2, ImagesPerClass = 3, TextsPerClass = 2, AudioPerClass = 2, VideosPerClass = 1, FramesPerVideo = 3, TestPerClass = 1,
            ImageWidth = 40, ImageHeight = 30, SpectrogramWidth = 40, SpectrogramHeight = 30, FrameWidth = 40, FrameHeight = 30,
        });
        return root;
    }

    [Fact]
    public void A_decompression_bomb_is_skipped_and_named_like_any_unreadable_image()
    {
        using var folder = new TempFolder();
        var root = SmallRoot(folder.Path);
        var images = ListFile.Read(new DatasetLayout(root).ListPath(Medium.Image, "test"));
        var bomb = Path.Combine(root, images[0].RelativePath);
        File.WriteAllBytes(bomb, Data.Loading.DecompressionBombTests.Png(100_000, 100_000));
        var output = Path.Combine(folder.Path, "features");

        var result = CliProcess.Run("extract", "--model", fixture.ImageModelPath, "--data", root, "--out", output, "--media", "image");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains($"skipped {bomb}: the header claims 100000x100000", result.StdOut);
        Assert.Equal(images.Count - 1, File.ReadAllLines(Path.Combine(output, "image", FeatureFolder.LabelFileName)).Length);
    }

    [Fact]
    public void Force_with_a_list_error_keeps_the_finished_extraction_intact()
    {
        using var folder = new TempFolder();
        var root = SmallRoot(folder.Path);
        var output = Path.Combine(folder.Path, "features");
        var first = CliProcess.Run("extract", "--model", fixture.ImageModelPath, "--data", root, "--out", output, "--media", "image,text");
        Assert.True(first.ExitCode == 0, first.StdErr);
        var before = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Order().ToDictionary(f => f, File.ReadAllBytes);

        var textList = new DatasetLayout(root).ListPath(Medium.Text, "test");
        File.AppendAllText(textList, "text/a b c\n");
        var forced = CliProcess.Run("extract", "--model", fixture.ImageModelPath, "--data", root, "--out", output, "--media", "image,text", "--force");

        Assert.Equal(2, forced.ExitCode);
        Assert.Contains(textList, forced.StdErr);
        var after = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Order().ToArray();
        Assert.Equal(before.Keys, after);
        foreach (var file in after) Assert.True(before[file].AsSpan().SequenceEqual(File.ReadAllBytes(file)), $"{file} changed");
    }

    [Fact]
    public void Temporary_files_left_by_a_killed_extraction_are_removed_by_the_next_run()
    {
        using var folder = new TempFolder();
        var root = SmallRoot(folder.Path);
        var output = Path.Combine(folder.Path, "features");
        int dead = CliProcess.DeadProcessId();
        // What a SIGKILLed extraction leaves: the writer's row file and an atomic write's temporary file, named by its process id.
        var stale = new[]
        {
            Path.Combine(output, "image", $".rows.{dead}.{Guid.NewGuid():N}.tmp"),
            Path.Combine(output, "image", $".features_te.txt.{dead}.{Guid.NewGuid():N}.tmp"),
        };
        // A process that is alive (this one) may be writing its own: that file stays.
        var live = Path.Combine(output, "image", $".features_te.npy.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        foreach (var file in stale.Append(live))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, new byte[1000]);
        }

        var result = CliProcess.Run("extract", "--model", fixture.ImageModelPath, "--data", root, "--out", output, "--media", "image");

        Assert.True(result.ExitCode == 0, result.StdErr);
        foreach (var file in stale) Assert.False(File.Exists(file), $"{file} was kept");
        Assert.True(File.Exists(live));
    }
}
