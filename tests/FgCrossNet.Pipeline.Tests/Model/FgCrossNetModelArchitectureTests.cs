using FgCrossNet.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Model;

// Creating a model draws from TorchSharp's global RNG: never while a training test's run is seeding and initialising (its resume test compares weights bit for bit).
[Collection(FgCrossNet.Pipeline.Tests.Training.TrainingCollection.Name)]
public class FgCrossNetModelArchitectureTests
{
    /// <summary>The reference's parameters for ResNet-18 at C = 10, L = 32 (text hidden channels L/2 = 16), written out by hand.</summary>
    private static readonly string[] ResNet18Parameters =
    [
        "embed.weight [70, 16]",
        "conv01.weight [16, 16, 3]", "conv01.bias [16]",
        "conv02.weight [32, 16, 3]", "conv02.bias [32]",
        "conv0.weight [3, 1, 3, 3]", "conv0.bias [3]",
        "conv1.weight [64, 3, 7, 7]",
        "bn1.weight [64]", "bn1.bias [64]",
        "layer1.0.conv1.weight [64, 64, 3, 3]", "layer1.0.bn1.weight [64]", "layer1.0.bn1.bias [64]",
        "layer1.0.conv2.weight [64, 64, 3, 3]", "layer1.0.bn2.weight [64]", "layer1.0.bn2.bias [64]",
        "layer1.1.conv1.weight [64, 64, 3, 3]", "layer1.1.bn1.weight [64]", "layer1.1.bn1.bias [64]",
        "layer1.1.conv2.weight [64, 64, 3, 3]", "layer1.1.bn2.weight [64]", "layer1.1.bn2.bias [64]",
        "layer2.0.conv1.weight [128, 64, 3, 3]", "layer2.0.bn1.weight [128]", "layer2.0.bn1.bias [128]",
        "layer2.0.conv2.weight [128, 128, 3, 3]", "layer2.0.bn2.weight [128]", "layer2.0.bn2.bias [128]",
        "layer2.0.downsample.0.weight [128, 64, 1, 1]", "layer2.0.downsample.1.weight [128]", "layer2.0.downsample.1.bias [128]",
        "layer2.1.conv1.weight [128, 128, 3, 3]", "layer2.1.bn1.weight [128]", "layer2.1.bn1.bias [128]",
        "layer2.1.conv2.weight [128, 128, 3, 3]", "layer2.1.bn2.weight [128]", "layer2.1.bn2.bias [128]",
        "layer3.0.conv1.weight [256, 128, 3, 3]", "layer3.0.bn1.weight [256]", "layer3.0.bn1.bias [256]",
        "layer3.0.conv2.weight [256, 256, 3, 3]", "layer3.0.bn2.weight [256]", "layer3.0.bn2.bias [256]",
        "layer3.0.downsample.0.weight [256, 128, 1, 1]", "layer3.0.downsample.1.weight [256]", "layer3.0.downsample.1.bias [256]",
        "layer3.1.conv1.weight [256, 256, 3, 3]", "layer3.1.bn1.weight [256]", "layer3.1.bn1.bias [256]",
        "layer3.1.conv2.weight [256, 256, 3, 3]", "layer3.1.bn2.weight [256]", "layer3.1.bn2.bias [256]",
        "layer4.0.conv1.weight [512, 256, 3, 3]", "layer4.0.bn1.weight [512]", "layer4.0.bn1.bias [512]",
        "layer4.0.conv2.weight [512, 512, 3, 3]", "layer4.0.bn2.weight [512]", "layer4.0.bn2.bias [512]",
        "layer4.0.downsample.0.weight [512, 256, 1, 1]", "layer4.0.downsample.1.weight [512]", "layer4.0.downsample.1.bias [512]",
        "layer4.1.conv1.weight [512, 512, 3, 3]", "layer4.1.bn1.weight [512]", "layer4.1.bn1.bias [512]",
        "layer4.1.conv2.weight [512, 512, 3, 3]", "layer4.1.bn2.weight [512]", "layer4.1.bn2.bias [512]",
        "fc.weight [10, 512]", "fc.bias [10]",
    ];

    [Fact]
    public void ResNet18_parameters_have_the_reference_names_shapes_and_order()
    {
        using var model = FgCrossNetModel.ResNet18(numClasses: 10, textLength: 32);
        var actual = ModelTestData.NamesAndShapes(model.named_parameters().Select(p => new KeyValuePair<string, Tensor>(p.name, p.parameter)));
        Assert.Equal(ResNet18Parameters, actual);
    }

    [Fact]
    public void Buffers_are_exactly_the_running_statistics_and_counter_of_every_batch_norm()
    {
        using var model = FgCrossNetModel.ResNet18(numClasses: 10, textLength: 32);
        var batchNorms = ResNet18Parameters
            .Select(line => line.Split(' ')[0])
            .Where(name => name.EndsWith(".bias") && (name.Contains(".bn") || name.StartsWith("bn") || name.Contains("downsample.1")))
            .Select(name => (Prefix: name[..^".bias".Length], Width: ResNet18Parameters.First(l => l.StartsWith(name + " ")).Split(' ', 2)[1]));
        var expected = batchNorms
            .SelectMany(bn => new[] { $"{bn.Prefix}.running_mean {bn.Width}", $"{bn.Prefix}.running_var {bn.Width}", $"{bn.Prefix}.num_batches_tracked []" })
            .Order(StringComparer.Ordinal);
        var actual = ModelTestData.NamesAndShapes(model.named_buffers().Select(b => new KeyValuePair<string, Tensor>(b.name, b.buffer)))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
        Assert.Equal(20 * 3, model.named_buffers().Count());
    }

    [Fact]
    public void State_dict_in_PyTorch_order_interleaves_each_modules_parameters_and_buffers()
    {
        using var model = FgCrossNetModel.ResNet18(numClasses: 10, textLength: 32);
        var ordered = ModelTestData.NamesAndShapes(CheckpointWriter.StateDictInPyTorchOrder(model));
        string[] head =
        [
            "embed.weight [70, 16]", "conv01.weight [16, 16, 3]", "conv01.bias [16]", "conv02.weight [32, 16, 3]", "conv02.bias [32]",
            "conv0.weight [3, 1, 3, 3]", "conv0.bias [3]", "conv1.weight [64, 3, 7, 7]",
            "bn1.weight [64]", "bn1.bias [64]", "bn1.running_mean [64]", "bn1.running_var [64]", "bn1.num_batches_tracked []",
            "layer1.0.conv1.weight [64, 64, 3, 3]", "layer1.0.bn1.weight [64]",
        ];
        Assert.Equal(head, ordered.Take(head.Length));
        Assert.Equal(["fc.weight [10, 512]", "fc.bias [10]"], ordered.TakeLast(2));
        Assert.Equal(ModelTestData.NamesAndShapes(model.state_dict()).Order(StringComparer.Ordinal), ordered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ResNet50_has_bottleneck_blocks_with_torchvision_shapes()
    {
        using var model = FgCrossNetModel.ResNet50(numClasses: 200, textLength: 448);
        var shapes = model.state_dict().ToDictionary(kv => kv.Key, kv => $"[{string.Join(", ", kv.Value.shape)}]");
        var expected = new Dictionary<string, string>
        {
            ["conv01.weight"] = "[224, 16, 3]",
            ["conv02.weight"] = "[448, 224, 3]",
            ["conv02.bias"] = "[448]",
            ["layer1.0.conv1.weight"] = "[64, 64, 1, 1]",
            ["layer1.0.conv2.weight"] = "[64, 64, 3, 3]",
            ["layer1.0.conv3.weight"] = "[256, 64, 1, 1]",
            ["layer1.0.bn3.running_var"] = "[256]",
            ["layer1.0.downsample.0.weight"] = "[256, 64, 1, 1]",
            ["layer1.2.conv1.weight"] = "[64, 256, 1, 1]",
            ["layer2.0.conv1.weight"] = "[128, 256, 1, 1]",
            ["layer2.0.conv2.weight"] = "[128, 128, 3, 3]",
            ["layer2.0.downsample.0.weight"] = "[512, 256, 1, 1]",
            ["layer2.3.conv3.weight"] = "[512, 128, 1, 1]",
            ["layer3.5.conv2.weight"] = "[256, 256, 3, 3]",
            ["layer3.0.downsample.1.num_batches_tracked"] = "[]",
            ["layer4.0.downsample.0.weight"] = "[2048, 1024, 1, 1]",
            ["layer4.2.bn3.weight"] = "[2048]",
            ["fc.weight"] = "[200, 2048]",
            ["fc.bias"] = "[200]",
        };
        foreach (var (key, shape) in expected) Assert.Equal((key, shape), (key, shapes.GetValueOrDefault(key, "absent")));
        Assert.DoesNotContain("layer1.1.downsample.0.weight", shapes.Keys);
        Assert.DoesNotContain("layer3.6.conv1.weight", shapes.Keys);
        // torchvision's resnet50: 53 convolutions (a weight each), 53 batch norms (weight and bias; 3 buffers each) and fc
        // (weight and bias); plus the text branch's 7 tensors.
        Assert.Equal(53 + 53 * 2 + 2 + 7, model.parameters().Count());
        Assert.Equal(53 * 3, model.buffers().Count());
        // At the paper's 200 classes: torchvision's 25,557,032 with fc 2048·200 + 200 instead of 2048·1000 + 1000.
        Assert.Equal(25_557_032L - 2_049_000 + 409_800 + 313_630, model.parameters().Sum(p => p.numel()));
    }

    /// <summary>TorchVision's ResNet, an independent port of torchvision, must have exactly our backbone's names and shapes.</summary>
    [Theory]
    [InlineData(ResNetDepth.ResNet18)]
    [InlineData(ResNetDepth.ResNet34)]
    [InlineData(ResNetDepth.ResNet50)]
    public void Backbone_has_torchvision_names_and_shapes(ResNetDepth depth)
    {
        using var model = FgCrossNetModel.Create(depth, numClasses: 1000, textLength: 8);
        using var torchvisionModel = TorchVisionResNet(depth, 1000);
        var ours = ModelTestData.NamesAndShapes(model.state_dict())
            .Where(line => !FgCrossNetModel.TextBranchModules.Contains(line[..line.IndexOf('.')]))
            .Order(StringComparer.Ordinal);
        Assert.Equal(ModelTestData.NamesAndShapes(torchvisionModel.state_dict()).Order(StringComparer.Ordinal), ours);
    }

    /// <summary>At 1000 classes the backbone has torchvision's published parameter count; the text branch adds its own.</summary>
    [Theory]
    [InlineData(ResNetDepth.ResNet18, 11_689_512L)]
    [InlineData(ResNetDepth.ResNet34, 21_797_672L)]
    [InlineData(ResNetDepth.ResNet50, 25_557_032L)]
    [InlineData(ResNetDepth.ResNet101, 44_549_160L)]
    [InlineData(ResNetDepth.ResNet152, 60_192_808L)]
    public void Parameter_count_is_torchvisions_plus_the_text_branch(ResNetDepth depth, long torchvisionParameters)
    {
        const int textLength = 448;
        using var model = FgCrossNetModel.Create(depth, numClasses: 1000, textLength: textLength);
        long hidden = textLength / 2;
        long textBranch = 70 * 16 + (16 * 3 * hidden + hidden) + (hidden * 3 * textLength + textLength) + (1 * 3 * 3 * 3 + 3);
        Assert.Equal(313_630L, textBranch);
        Assert.Equal(torchvisionParameters + textBranch, model.parameters().Sum(p => p.numel()));
        Assert.Equal(depth, model.Config.Depth);
    }

    internal static nn.Module<Tensor, Tensor> TorchVisionResNet(ResNetDepth depth, int numClasses) => depth switch
    {
        ResNetDepth.ResNet18 => torchvision.models.resnet18(numClasses),
        ResNetDepth.ResNet34 => torchvision.models.resnet34(numClasses),
        ResNetDepth.ResNet50 => torchvision.models.resnet50(numClasses),
        ResNetDepth.ResNet101 => torchvision.models.resnet101(numClasses),
        ResNetDepth.ResNet152 => torchvision.models.resnet152(numClasses),
        _ => throw new ArgumentOutOfRangeException(nameof(depth)),
    };

    [Fact]
    public void Static_factories_build_the_named_depth()
    {
        using var r18 = FgCrossNetModel.ResNet18(5, 8);
        using var r34 = FgCrossNetModel.ResNet34(5, 8);
        using var r50 = FgCrossNetModel.ResNet50(5, 8);
        Assert.Equal(new NetworkArchitecture(ResNetDepth.ResNet18, 5, 8), r18.Config);
        Assert.Equal(ResNetDepth.ResNet34, r34.Config.Depth);
        Assert.Equal(ResNetDepth.ResNet50, r50.Config.Depth);
        Assert.Equal(new NetworkArchitecture(ResNetDepth.ResNet50, 200, 448), NetworkArchitecture.Paper);
        Assert.Equal(3, r34.state_dict().Keys.Count(k => k.StartsWith("layer4.") && k.EndsWith(".conv1.weight")));
    }

    [Fact]
    public void Initialisation_follows_the_reference()
    {
        using var model = FgCrossNetModel.ResNet50(numClasses: 10, textLength: 32);
        var sd = model.state_dict();
        using (var paddingRow = sd["embed.weight"][0])
            Assert.Equal(0.0, paddingRow.abs().sum().ToDouble());
        // conv1: N(0, 2 / (7·7·64)); layer4.0.conv2: N(0, 2 / (3·3·512)).
        AssertStd(sd["conv1.weight"], Math.Sqrt(2.0 / (7 * 7 * 64)));
        AssertStd(sd["layer4.0.conv2.weight"], Math.Sqrt(2.0 / (3 * 3 * 512)));
        AssertStd(sd["conv0.weight"], Math.Sqrt(2.0 / (3 * 3 * 3)), tolerance: 0.6);
        using (var ones = sd["layer2.1.bn2.weight"].eq(1).all()) Assert.True(ones.ToBoolean());
        using (var zeros = sd["layer2.1.bn2.bias"].eq(0).all()) Assert.True(zeros.ToBoolean());
    }

    [Fact]
    public void Layers_the_reference_leaves_alone_get_PyTorchs_default_initialisation()
    {
        using var model = FgCrossNetModel.ResNet18(numClasses: 10, textLength: 32);
        var sd = model.state_dict();
        // Embedding: N(0, 1) (rows 1..69). Conv1d, Linear and conv0's bias: U(±1/√fan_in), whose std is bound/√3.
        using (var rows = sd["embed.weight"].narrow(0, 1, NetworkArchitecture.AlphabetSize - 1)) AssertStd(rows, 1.0, tolerance: 0.1);
        AssertUniform(sd["conv01.weight"], 1 / Math.Sqrt(16 * 3));
        AssertUniform(sd["conv02.weight"], 1 / Math.Sqrt(16 * 3));
        AssertUniform(sd["fc.weight"], 1 / Math.Sqrt(512));
        AssertUniform(sd["fc.bias"], 1 / Math.Sqrt(512), stdTolerance: null);
        AssertUniform(sd["conv0.bias"], 1 / Math.Sqrt(9), stdTolerance: null);
    }

    [Fact]
    public void A_network_built_from_a_generator_does_not_depend_on_the_global_generator()
    {
        Dictionary<string, Tensor> Build(long globalSeed, ulong seed)
        {
            random.manual_seed(globalSeed);
            using var generator = new Generator(seed, CPU);
            using var model = FgCrossNetModel.ResNet18(numClasses: 5, textLength: 16, generator: generator);
            return model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        }

        var a = Build(globalSeed: 1, seed: 7);
        var b = Build(globalSeed: 2, seed: 7);
        var c = Build(globalSeed: 1, seed: 8);
        var learnable = a.Keys.Where(k => !k.Contains("running_") && !k.EndsWith("num_batches_tracked", StringComparison.Ordinal)
                                          && !k.Contains("bn") && !k.Contains("downsample.1")).ToList();
        Assert.NotEmpty(learnable);
        foreach (var key in learnable)
        {
            using (var same = a[key].eq(b[key]).all()) Assert.True(same.ToBoolean(), $"{key} depends on the global generator");
            using (var same = a[key].eq(c[key]).all()) Assert.False(same.ToBoolean(), $"{key} does not depend on the generator's seed");
        }
    }

    private static void AssertUniform(Tensor weights, double bound, double? stdTolerance = 0.1)
    {
        using var max = weights.abs().max();
        Assert.True(max.ToDouble() <= bound, $"max |w| {max.ToDouble()} exceeds the bound {bound}");
        if (stdTolerance is { } tolerance) AssertStd(weights, bound / Math.Sqrt(3), tolerance);
    }

    private static void AssertStd(Tensor weights, double expected, double tolerance = 0.05)
    {
        using var std = weights.std();
        Assert.InRange(std.ToDouble(), expected * (1 - tolerance), expected * (1 + tolerance));
    }

    [Theory]
    [InlineData(0, 448, "NumClasses")]
    [InlineData(200, 1, "TextLength")]
    public void Invalid_configurations_are_refused(int classes, int textLength, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => FgCrossNetModel.Create(ResNetDepth.ResNet18, classes, textLength));
        Assert.Equal(parameter, e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => FgCrossNetModel.Create((ResNetDepth)20));
    }

    [Theory]
    [InlineData("50", ResNetDepth.ResNet50)]
    [InlineData("resnet101", ResNetDepth.ResNet101)]
    [InlineData("ResNet-18", ResNetDepth.ResNet18)]
    public void Depths_parse_from_names(string text, ResNetDepth expected)
    {
        Assert.True(ResNetDepths.TryParse(text, out var depth));
        Assert.Equal(expected, depth);
        Assert.False(ResNetDepths.TryParse("resnet20", out _));
    }
}
