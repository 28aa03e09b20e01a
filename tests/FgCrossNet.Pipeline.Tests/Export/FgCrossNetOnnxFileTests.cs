using FgCrossNet.Data.Loading;
using FgCrossNet.Export;
using FgCrossNet.IO;
using FgCrossNet.Model;
using Google.Protobuf;

namespace FgCrossNet.Pipeline.Tests.Export;

/// <summary>Reading an export back: its metadata round-trips, and files that are not FGCrossNet exports are refused by name.</summary>
public sealed class FgCrossNetOnnxFileTests
{
    [Theory]
    [InlineData(TextVocabulary.Reference, VideoFrameSelection.AllListed, VideoPooling.MeanLogits)]
    [InlineData(TextVocabulary.ReferenceWithSpace, VideoFrameSelection.Uniform, VideoPooling.MeanScores)]
    public void Metadata_round_trips_through_both_files(TextVocabulary vocabulary, VideoFrameSelection frames, VideoPooling pooling)
    {
        using var folder = new TempFolder();
        using var model = ExportTestData.SmallModel(ResNetDepth.ResNet18, seed: 3);
        var metadata = ExportTestData.Metadata(model) with
        {
            ExperimentConfigJson = "{\"name\": \"x\"}",
            Text = new TextEncodingOptions { Length = model.Config.TextLength, Vocabulary = vocabulary },
            VideoFrames = frames,
            VideoPooling = pooling,
        };
        var (imagePath, textPath) = OnnxModelWriter.Write(model, metadata, folder.File("out/model.onnx"));
        Assert.Equal(folder.File("out/model.text.onnx"), textPath);

        var (image, text) = FgCrossNetOnnxFile.OpenPair(textPath);
        Assert.Equal(imagePath, image.Path);
        Assert.Equal(FgCrossNetOnnxNames.ImageInput, image.InputName);
        Assert.Equal(FgCrossNetOnnxNames.TextInput, text.InputName);
        foreach (var read in new[] { image.Metadata, text.Metadata })
        {
            Assert.Equal(metadata.Model, read.Model);
            Assert.Equal(metadata.ClassNames, read.ClassNames);
            Assert.Equal(metadata.InputSize, read.InputSize);
            Assert.Equal(metadata.ImageScale, read.ImageScale);
            Assert.Equal(metadata.Mean, read.Mean);
            Assert.Equal(metadata.Std, read.Std);
            Assert.Equal(metadata.Text, read.Text);
            Assert.Equal(metadata.VideoEvalFrames, read.VideoEvalFrames);
            Assert.Equal((frames, pooling), (read.VideoFrames, read.VideoPooling));
            Assert.Equal(metadata.ExperimentConfigJson, read.ExperimentConfigJson);
        }
    }

    [Fact]
    public void Exports_made_before_the_video_keys_existed_read_as_uniform_sampling_and_mean_scores()
    {
        using var folder = new TempFolder();
        using var model = ExportTestData.SmallModel(ResNetDepth.ResNet18, seed: 3);
        var properties = ExportTestData.Metadata(model).ToProperties(FgCrossNetOnnxNames.EntryPoints.Image, "model.text.onnx")
            .Where(p => p.Key is not (FgCrossNetOnnxNames.Keys.VideoFrames or FgCrossNetOnnxNames.Keys.VideoPooling))
            .ToDictionary(p => p.Key, p => p.Value);
        var read = FgCrossNetOnnxMetadata.FromProperties(properties, "old.onnx");
        Assert.Equal((VideoFrameSelection.Uniform, VideoPooling.MeanScores), (read.VideoFrames, read.VideoPooling));
    }

    [Fact]
    public void An_unknown_text_vocabulary_is_refused_naming_the_file()
    {
        using var model = ExportTestData.SmallModel(ResNetDepth.ResNet18, seed: 3);
        var properties = ExportTestData.Metadata(model).ToProperties(FgCrossNetOnnxNames.EntryPoints.Image, "model.text.onnx")
            .ToDictionary(p => p.Key, p => p.Value);
        properties[FgCrossNetOnnxNames.Keys.TextVocabulary] = " abc";
        var e = Assert.Throws<InvalidInputException>(() => FgCrossNetOnnxMetadata.FromProperties(properties, "odd.onnx"));
        Assert.Contains("odd.onnx", e.Message);
        Assert.Contains(FgCrossNetOnnxNames.Keys.TextVocabulary, e.Message);
    }

    [Fact]
    public void A_file_that_is_not_ONNX_is_refused_by_name()
    {
        using var folder = new TempFolder();
        var path = folder.File("noise.onnx");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 37 + 11))]);
        var e = Assert.Throws<InvalidInputException>(() => FgCrossNetOnnxFile.Open(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not an ONNX model", e.Message);
    }

    [Fact]
    public void An_ONNX_model_from_elsewhere_is_refused_by_name()
    {
        using var folder = new TempFolder();
        var other = new Onnx.ModelProto { IrVersion = 8, ProducerName = "pytorch", Graph = new Onnx.GraphProto { Name = "resnet" } };
        other.OpsetImport.Add(new Onnx.OperatorSetIdProto { Domain = "", Version = 13 });
        var path = folder.File("resnet50.onnx");
        File.WriteAllBytes(path, other.ToByteArray());
        var e = Assert.Throws<InvalidInputException>(() => FgCrossNetOnnxFile.Open(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not an FGCrossNet export", e.Message);
    }

    [Fact]
    public void A_missing_companion_file_is_reported()
    {
        using var folder = new TempFolder();
        using var model = ExportTestData.SmallModel(ResNetDepth.ResNet18, seed: 3);
        var (imagePath, textPath) = OnnxModelWriter.Write(model, ExportTestData.Metadata(model), folder.File("model.onnx"));
        File.Delete(textPath);
        var e = Assert.Throws<InvalidInputException>(() => FgCrossNetOnnxFile.OpenPair(imagePath));
        Assert.Contains("model.text.onnx", e.Message);
    }
}
