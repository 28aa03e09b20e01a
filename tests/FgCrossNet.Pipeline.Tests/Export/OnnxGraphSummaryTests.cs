using FgCrossNet.Export;
using FgCrossNet.Model;
using FgCrossNet.Pipeline.Tests.Model;

namespace FgCrossNet.Pipeline.Tests.Export;

/// <summary>The summary of an export names its inputs and outputs with their shapes, and counts operators and weights.</summary>
public sealed class OnnxGraphSummaryTests
{
    [Fact]
    public void Summary_of_an_export_lists_its_input_outputs_operators_and_weights()
    {
        using var folder = new TempFolder();
        using var model = ExportTestData.SmallModel(ResNetDepth.ResNet18, seed: 4);
        var (imagePath, textPath) = OnnxModelWriter.Write(model, ExportTestData.Metadata(model), folder.File("model.onnx"));

        var image = OnnxGraphSummary.Read(imagePath);
        Assert.Equal(FgCrossNetOnnxNames.Producer, image.Producer);
        Assert.Equal(FgCrossNetOnnxNames.IrVersion, image.IrVersion);
        Assert.Equal(FgCrossNetOnnxNames.Opset, image.Opsets["ai.onnx"]);
        var input = Assert.Single(image.Inputs);
        Assert.Equal(new OnnxValueInfo("input", FgCrossNetOnnxNames.ImageInput, "float", $"[batch, 3, {ExportTestData.ImageSize}, {ExportTestData.ImageSize}]"), input);
        Assert.Equal([FgCrossNetOnnxNames.Logits, FgCrossNetOnnxNames.Features], image.Outputs.Take(2).Select(o => o.Name).Order(StringComparer.Ordinal).Reverse());
        Assert.All(image.Outputs.Take(2), o => Assert.Equal($"[batch, {ModelTestData.SmallClasses}]", o.Shape));
        Assert.Equal(new OnnxValueInfo("output", FgCrossNetOnnxNames.Embedding, "float", "[batch, 512]"), image.Outputs[2]);
        Assert.Equal(20, image.Operators.Single(o => o.Operator == "Conv").Count); // ResNet-18: stem, 16 in blocks, 3 downsamples
        Assert.Equal(image.Nodes, image.Operators.Sum(o => o.Count));
        Assert.Equal(4, image.Inputs.Count + image.Outputs.Count);

        // The weights of the image graph are the network's without the text branch, plus the three normalisation constants (1 + 3 + 3 values).
        long textBranch = FgCrossNetModel.TextBranchModules.Sum(name => model.named_children().Single(c => c.name == name).module.parameters().Sum(p => p.numel()));
        long parameters = model.parameters().Sum(p => p.numel()) - textBranch;
        long batchNormStatistics = model.named_buffers().Where(b => !b.name.EndsWith("num_batches_tracked", StringComparison.Ordinal) && !FgCrossNetModel.TextBranchModules.Any(t => b.name.StartsWith(t + ".", StringComparison.Ordinal))).Sum(b => b.buffer.numel());
        Assert.Equal(parameters + batchNormStatistics + 7, image.Parameters);

        var text = OnnxGraphSummary.Read(textPath);
        Assert.Equal(new OnnxValueInfo("input", FgCrossNetOnnxNames.TextInput, "int64", $"[batch, {ModelTestData.SmallTextLength}]"), Assert.Single(text.Inputs));
        Assert.Contains(text.Operators, o => o.Operator == "Gather");
    }

    [Fact]
    public void A_file_that_is_not_ONNX_is_refused_by_name()
    {
        using var folder = new TempFolder();
        var path = folder.File("nonsense.onnx");
        File.WriteAllBytes(path, [0xff, 0xff, 0xff, 0x01]);
        var error = Assert.Throws<FgCrossNet.IO.InvalidInputException>(() => OnnxGraphSummary.Read(path));
        Assert.Contains("nonsense.onnx", error.Message);
    }
}
