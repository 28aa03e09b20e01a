using FgCrossNet.Core;
using FgCrossNet.Data;
using FgCrossNet.Data.Loading;
using FgCrossNet.Evaluation;
using FgCrossNet.Inference;

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
}
