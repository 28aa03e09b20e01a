using FgCrossNet.Export;
using FgCrossNet.Model;
using FgCrossNet.Pipeline.Tests.Model;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Export;

/// <summary>
/// A full FGCrossNet state dict (ResNet-18) saved by real PyTorch as the reference saves its released model
/// (<c>nn.DataParallel</c> keys, the legacy format) and its zip-format twin: <c>fgcrossnet export --checkpoint FILE
/// --config CFG</c> accepts both, and ONNX Runtime gives the same features from both exports on fixed inputs, those of
/// the network the weights came from.
/// </summary>
public sealed class LegacyCheckpointExportTests(ITestOutputHelper output)
{
    private const double FeatureTolerance = 1e-4;

    [Fact]
    public void A_legacy_checkpoint_exports_with_the_same_features_as_its_zip_twin()
    {
        using var folder = new TempFolder();
        using var checkpoint = TorchCheckpoints.WriteReferenceFormatCheckpoint(folder, seed: 16);
        var (source, legacy, zip) = (checkpoint.Source, checkpoint.Legacy, checkpoint.Zip);

        using (var contents = CheckpointContents.Read(legacy))
        {
            Assert.Equal(CheckpointFormat.PyTorchLegacy, contents.Format);
            Assert.All(contents.Tensors.Keys, k => Assert.StartsWith("module.", k));
            Assert.Equal(source.state_dict().Count, contents.Tensors.Count);
        }
        using (var contents = CheckpointContents.Read(zip)) Assert.Equal(CheckpointFormat.PyTorch, contents.Format);

        var exports = new Dictionary<string, (FgCrossNetOnnxFile Image, FgCrossNetOnnxFile Text)>();
        foreach (var (name, file) in new[] { ("legacy", legacy), ("zip", zip) })
        {
            var result = CliProcess.Run("export", "--checkpoint", file, "--config", checkpoint.ConfigFile, "--out", folder.File($"{name}/model.onnx"));
            Assert.True(result.ExitCode == 0, result.StdErr);
            exports[name] = FgCrossNetOnnxFile.OpenPair(folder.File($"{name}/model.onnx"));
        }

        using var scope = NewDisposeScope();
        var metadata = exports["legacy"].Image.Metadata;
        var raw = ExportTestData.RawImages(3, metadata.InputSize, seed: 17);
        var tokens = ModelTestData.Tokens(3, metadata.Text.Length, seed: 18);
        float[] expectedImage, expectedText;
        using (no_grad())
        {
            var mean = tensor(metadata.Mean.ToArray()).reshape(1, 3, 1, 1);
            var std = tensor(metadata.Std.ToArray()).reshape(1, 3, 1, 1);
            expectedImage = source.call((raw / 255f - mean) / std).softmax(1).data<float>().ToArray();
            expectedText = source.ForwardText(tokens).softmax(1).data<float>().ToArray();
        }
        var image = exports.ToDictionary(e => e.Key, e => ExportTestData.RunOnnx(e.Value.Image.Path, FgCrossNetOnnxNames.ImageInput, raw.data<float>().ToArray(), raw.shape, FgCrossNetOnnxNames.Features));
        var text = exports.ToDictionary(e => e.Key, e => ExportTestData.RunOnnx(e.Value.Text.Path, FgCrossNetOnnxNames.TextInput, tokens.data<long>().ToArray(), tokens.shape, FgCrossNetOnnxNames.Features));

        // The same weights make the same graphs: the features agree bit for bit.
        Assert.Equal(image["zip"], image["legacy"]);
        Assert.Equal(text["zip"], text["legacy"]);
        double imageDiff = ExportTestData.MaxAbsDifference(expectedImage, image["legacy"]);
        double textDiff = ExportTestData.MaxAbsDifference(expectedText, text["legacy"]);
        output.WriteLine($"legacy export vs the source network: max |image features diff| = {imageDiff:E2}, max |text features diff| = {textDiff:E2}");
        Assert.True(imageDiff <= FeatureTolerance, $"image features differ from the source network's by {imageDiff:E3}");
        Assert.True(textDiff <= FeatureTolerance, $"text features differ from the source network's by {textDiff:E3}");
        Assert.True(expectedImage.Max() - expectedImage.Min() > 100 * FeatureTolerance, "the features are too uniform to tell wrong weights from right ones");
        Assert.True(expectedText.Max() - expectedText.Min() > 100 * FeatureTolerance, "the features are too uniform to tell wrong weights from right ones");
    }
}
