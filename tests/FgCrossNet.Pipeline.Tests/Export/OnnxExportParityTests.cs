using FgCrossNet.Export;
using FgCrossNet.Model;
using FgCrossNet.Pipeline.Tests.Model;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Export;

/// <summary>
/// The exported graphs compute what the network computes: TorchSharp's eval forward against ONNX Runtime on the same
/// fixed inputs, for both entry points and the backbone kinds (basic blocks: ResNet-18; bottlenecks: ResNet-50), with
/// random batch-norm statistics so that a wrong batch-norm mapping shows.
/// </summary>
public sealed class OnnxExportParityTests(ITestOutputHelper output)
{
    private const double FeatureTolerance = 1e-4;

    [Theory]
    [InlineData(ResNetDepth.ResNet18)]
    [InlineData(ResNetDepth.ResNet50)]
    public void Image_entry_point_matches_TorchSharp_eval_forward(ResNetDepth depth)
    {
        using var folder = new TempFolder();
        using var model = ExportTestData.SmallModel(depth, seed: 5);
        var (imagePath, _) = OnnxModelWriter.Write(model, ExportTestData.Metadata(model), folder.File("model.onnx"));

        using var scope = NewDisposeScope();
        var raw = ExportTestData.RawImages(3, ExportTestData.ImageSize, seed: 9);
        float[] expectedFeatures, expectedLogits;
        using (no_grad())
        {
            var logits = model.call(ExportTestData.Normalise(raw));
            expectedLogits = logits.data<float>().ToArray();
            expectedFeatures = logits.softmax(1).data<float>().ToArray();
        }
        var values = raw.data<float>().ToArray();
        var features = ExportTestData.RunOnnx(imagePath, FgCrossNetOnnxNames.ImageInput, values, raw.shape, FgCrossNetOnnxNames.Features);
        var logitsOnnx = ExportTestData.RunOnnx(imagePath, FgCrossNetOnnxNames.ImageInput, values, raw.shape, FgCrossNetOnnxNames.Logits);

        double featureDiff = ExportTestData.MaxAbsDifference(expectedFeatures, features);
        double logitDiff = ExportTestData.MaxAbsDifference(expectedLogits, logitsOnnx);
        output.WriteLine($"{depth} image: max |features diff| = {featureDiff:E2}, max |logits diff| = {logitDiff:E2}");
        Assert.True(featureDiff <= FeatureTolerance, $"features differ by {featureDiff:E3}");
        Assert.True(SpreadOf(expectedFeatures) > 100 * FeatureTolerance, "the features are too uniform to tell a wrong graph from a right one");
    }

    [Theory]
    [InlineData(ResNetDepth.ResNet18)]
    [InlineData(ResNetDepth.ResNet50)]
    public void Text_entry_point_matches_TorchSharp_eval_forward(ResNetDepth depth)
    {
        using var folder = new TempFolder();
        using var model = ExportTestData.SmallModel(depth, seed: 6);
        var (_, textPath) = OnnxModelWriter.Write(model, ExportTestData.Metadata(model), folder.File("model.onnx"));

        using var scope = NewDisposeScope();
        var tokens = ModelTestData.Tokens(3, ModelTestData.SmallTextLength, seed: 11);
        float[] expected;
        using (no_grad()) expected = model.ForwardText(tokens).softmax(1).data<float>().ToArray();
        var features = ExportTestData.RunOnnx(textPath, FgCrossNetOnnxNames.TextInput, tokens.data<long>().ToArray(), tokens.shape, FgCrossNetOnnxNames.Features);

        double diff = ExportTestData.MaxAbsDifference(expected, features);
        output.WriteLine($"{depth} text: max |features diff| = {diff:E2}");
        Assert.True(diff <= FeatureTolerance, $"features differ by {diff:E3}");
        Assert.True(SpreadOf(expected) > 100 * FeatureTolerance, "the features are too uniform to tell a wrong graph from a right one");
    }

    [Fact]
    public void Batch_dimension_is_symbolic()
    {
        using var folder = new TempFolder();
        using var model = ExportTestData.SmallModel(ResNetDepth.ResNet18, seed: 7);
        var (imagePath, _) = OnnxModelWriter.Write(model, ExportTestData.Metadata(model), folder.File("model.onnx"));
        using var scope = NewDisposeScope();
        var raw = ExportTestData.RawImages(5, ExportTestData.ImageSize, seed: 3);
        var values = raw.data<float>().ToArray();
        var five = ExportTestData.RunOnnx(imagePath, FgCrossNetOnnxNames.ImageInput, values, raw.shape, FgCrossNetOnnxNames.Features);
        int perImage = values.Length / 5;
        var one = ExportTestData.RunOnnx(imagePath, FgCrossNetOnnxNames.ImageInput, values[(2 * perImage)..(3 * perImage)], [1, 3, ExportTestData.ImageSize, ExportTestData.ImageSize], FgCrossNetOnnxNames.Features);
        Assert.Equal(5 * ModelTestData.SmallClasses, five.Length);
        Assert.True(ExportTestData.MaxAbsDifference(one, five.AsSpan(2 * ModelTestData.SmallClasses, ModelTestData.SmallClasses)) <= 1e-6);
    }

    private static double SpreadOf(float[] values) => values.Max() - values.Min();
}
