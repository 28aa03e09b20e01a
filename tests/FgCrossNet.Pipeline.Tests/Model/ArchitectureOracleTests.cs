using FgCrossNet.Model;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FgCrossNet.Pipeline.Tests.Model;

/// <summary>
/// The network's computation checked against independent oracles: the residual blocks against their definition written
/// with functional operations from the blocks' own parameters (by name), the text branch against hand-set weights, and
/// the whole backbone against TorchVision's ResNet carrying the same weights.
/// </summary>
// Creating a model draws from TorchSharp's global RNG: never while a training test's run is seeding and initialising (its resume test compares weights bit for bit).
[Collection(FgCrossNet.Pipeline.Tests.Training.TrainingCollection.Name)]
public class ArchitectureOracleTests
{
    private const double BatchNormEpsilon = 1e-5;

    private static Tensor Conv(Tensor x, Dictionary<string, Tensor> p, string name, long stride, long padding) =>
        F.conv2d(x, p[name + ".weight"], null, strides: [stride, stride], padding: [padding, padding]);

    private static Tensor BatchNorm(Tensor x, Dictionary<string, Tensor> p, string name) =>
        F.batch_norm(x, p[name + ".running_mean"], p[name + ".running_var"], p[name + ".weight"], p[name + ".bias"], false, 0.1, BatchNormEpsilon);

    [Fact]
    public void Basic_block_is_two_3x3_convolutions_with_a_projected_shortcut()
    {
        using var block = new BasicBlock(4, 8, stride: 2, downsample: nn.Sequential(("0", nn.Conv2d(4, 8, 1, stride: 2, bias: false)), ("1", nn.BatchNorm2d(8))));
        ModelTestData.RandomizeBatchNormStatistics(block, seed: 11);
        block.eval();
        using var scope = NewDisposeScope();
        var p = block.state_dict();
        var x = randn(2, 4, 9, 9);

        var y = BatchNorm(Conv(x, p, "conv1", stride: 2, padding: 1), p, "bn1").relu();
        y = BatchNorm(Conv(y, p, "conv2", stride: 1, padding: 1), p, "bn2");
        var shortcut = BatchNorm(Conv(x, p, "downsample.0", stride: 2, padding: 0), p, "downsample.1");
        var expected = (y + shortcut).relu();

        var actual = block.call(x);
        Assert.Equal(new long[] { 2, 8, 5, 5 }, actual.shape);
        Assert.True(ModelTestData.MaxAbsDifference(expected, actual) < 1e-5);
    }

    [Fact]
    public void Basic_block_without_downsample_adds_its_input()
    {
        using var block = new BasicBlock(6, 6);
        ModelTestData.RandomizeBatchNormStatistics(block, seed: 12);
        block.eval();
        using var scope = NewDisposeScope();
        var p = block.state_dict();
        var x = randn(1, 6, 5, 5);
        var y = BatchNorm(Conv(BatchNorm(Conv(x, p, "conv1", 1, 1), p, "bn1").relu(), p, "conv2", 1, 1), p, "bn2");
        Assert.True(ModelTestData.MaxAbsDifference((y + x).relu(), block.call(x)) < 1e-5);
    }

    /// <summary>torchvision (and the reference) put the stride in the 3×3 convolution; putting it in the first 1×1 would fail this.</summary>
    [Fact]
    public void Bottleneck_strides_in_its_3x3_convolution()
    {
        using var block = new Bottleneck(8, 4, stride: 2, downsample: nn.Sequential(("0", nn.Conv2d(8, 16, 1, stride: 2, bias: false)), ("1", nn.BatchNorm2d(16))));
        ModelTestData.RandomizeBatchNormStatistics(block, seed: 13);
        block.eval();
        using var scope = NewDisposeScope();
        var p = block.state_dict();
        var x = randn(2, 8, 8, 8);

        var y = BatchNorm(Conv(x, p, "conv1", stride: 1, padding: 0), p, "bn1").relu();
        y = BatchNorm(Conv(y, p, "conv2", stride: 2, padding: 1), p, "bn2").relu();
        y = BatchNorm(Conv(y, p, "conv3", stride: 1, padding: 0), p, "bn3");
        var shortcut = BatchNorm(Conv(x, p, "downsample.0", stride: 2, padding: 0), p, "downsample.1");
        var expected = (y + shortcut).relu();

        var actual = block.call(x);
        Assert.Equal(new long[] { 2, 16, 4, 4 }, actual.shape);
        Assert.True(ModelTestData.MaxAbsDifference(expected, actual) < 1e-5);
    }

    /// <summary>
    /// Hand-set weights make the text branch compute t(n, c, j) = −(1000·c + token[n, j]) in channel 0 of its output:
    /// the embedding puts the token's index in dimension 0; conv01 channel 0 copies it and channel 1 negates it (ReLU then
    /// zeroes channel 1, so a missing ReLU after conv01 changes the result); conv02 channel c adds −(ch0 + ch1) to a
    /// bias of −1000·c (negative, so a ReLU after conv02 would zero it: the reference has none); conv0 channel 0 is
    /// the identity. Row c of the [L, L] text image must be conv02's channel c (row-major reshape).
    /// </summary>
    [Fact]
    public void Text_branch_reshapes_conv02_channels_into_rows_without_activation()
    {
        const int length = 8;
        using var model = FgCrossNetModel.ResNet18(numClasses: 3, textLength: length);
        model.eval();
        var p = model.state_dict();
        using (no_grad())
        {
            p["embed.weight"].zero_();
            for (int k = 0; k < NetworkArchitecture.AlphabetSize; k++) p["embed.weight"][k, 0] = k;
            p["conv01.weight"].zero_();
            p["conv01.bias"].zero_();
            p["conv01.weight"][0, 0, 1] = 1;
            p["conv01.weight"][1, 0, 1] = -1;
            p["conv02.weight"].zero_();
            for (int c = 0; c < length; c++)
            {
                p["conv02.weight"][c, 0, 1] = -1;
                p["conv02.weight"][c, 1, 1] = -1;
                p["conv02.bias"][c] = -1000 * c;
            }
            p["conv0.weight"].zero_();
            p["conv0.bias"].zero_();
            p["conv0.weight"][0, 0, 1, 1] = 1;
        }
        using var scope = NewDisposeScope();
        long[][] tokens = [[5, 0, 69, 1, 2, 3, 4, 7], [9, 9, 9, 0, 0, 0, 0, 1]];
        var input = tensor(tokens.SelectMany(t => t).ToArray(), new long[] { 2, length });

        var textImage = model.TextBranch(input);

        Assert.Equal(new long[] { 2, 3, length, length }, textImage.shape);
        var channel0 = textImage.select(1, 0);
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < length; c++)
                for (int j = 0; j < length; j++)
                    Assert.Equal(-(1000.0 * c + tokens[n][j]), channel0[n, c, j].ToDouble(), 3);
    }

    [Theory]
    [InlineData(ResNetDepth.ResNet18)]
    [InlineData(ResNetDepth.ResNet50)]
    public void Backbone_equals_TorchVision_ResNet_with_the_same_weights(ResNetDepth depth)
    {
        using var model = FgCrossNetModel.Create(depth, numClasses: 7, textLength: 8);
        ModelTestData.RandomizeBatchNormStatistics(model, seed: 14);
        model.eval();
        using var torchvisionModel = FgCrossNetModelArchitectureTests.TorchVisionResNet(depth, 7);
        var backbone = model.state_dict()
            .Where(kv => !FgCrossNetModel.TextBranchModules.Contains(kv.Key[..kv.Key.IndexOf('.')]))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        var (missing, unexpected) = torchvisionModel.load_state_dict(backbone, strict: true);
        Assert.Empty(missing);
        Assert.Empty(unexpected);
        torchvisionModel.eval();

        using var scope = NewDisposeScope();
        var images = ModelTestData.Images(2, 64, seed: 15);
        Assert.True(ModelTestData.MaxAbsDifference(torchvisionModel.call(images), model.call(images)) < 1e-4);
    }
}
