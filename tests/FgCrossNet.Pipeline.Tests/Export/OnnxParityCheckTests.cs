using FgCrossNet.Export;
using FgCrossNet.Model;

namespace FgCrossNet.Pipeline.Tests.Export;

/// <summary>The parity check finds an export equal to its own network and tells a different network apart.</summary>
public sealed class OnnxParityCheckTests
{
    [Fact]
    public void An_export_matches_its_network_on_both_entry_points_and_outputs()
    {
        using var folder = new TempFolder();
        using var model = ExportTestData.SmallModel(ResNetDepth.ResNet18, seed: 8);
        var (imagePath, _) = OnnxModelWriter.Write(model, ExportTestData.Metadata(model), folder.File("model.onnx"));

        var rows = OnnxParityCheck.Compare(model, imagePath, items: 3, seed: 1);
        Assert.Equal(
            [("image", "features"), ("image", "logits"), ("text", "features"), ("text", "logits")],
            rows.Select(r => (r.EntryPoint, r.Output)).Order());
        Assert.All(rows, r => Assert.Equal(3, r.Items));
        Assert.All(rows, r => Assert.True(r.Agrees, $"{r}"));
        Assert.All(rows.Where(r => r.Output == FgCrossNetOnnxNames.Features), r => Assert.True(r.MaxAbsDifference <= OnnxParityCheck.FeatureTolerance, $"{r}"));
        Assert.All(rows, r => Assert.True(r.MaxAbsValue > 0));
    }

    [Fact]
    public void A_network_with_other_weights_does_not_match()
    {
        using var folder = new TempFolder();
        using var exported = ExportTestData.SmallModel(ResNetDepth.ResNet18, seed: 8);
        using var other = ExportTestData.SmallModel(ResNetDepth.ResNet18, seed: 9);
        var (imagePath, _) = OnnxModelWriter.Write(exported, ExportTestData.Metadata(exported), folder.File("model.onnx"));

        var rows = OnnxParityCheck.Compare(other, imagePath, items: 3, seed: 1);
        Assert.All(rows.Where(r => r.Output == FgCrossNetOnnxNames.Logits), r => Assert.False(r.Agrees, $"{r}"));
    }
}
