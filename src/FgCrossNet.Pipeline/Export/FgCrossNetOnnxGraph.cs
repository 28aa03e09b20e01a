using FgCrossNet.Model;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace FgCrossNet.Export;

/// <summary>
/// Builds the ONNX graphs of an <see cref="FgCrossNetModel"/> in eval mode from its state dict, following the model's
/// architecture (<see cref="FgCrossNetModel"/>, <see cref="BasicBlock"/>, <see cref="Bottleneck"/>) operator by operator:
/// Conv2d/Conv1d → Conv, eval BatchNorm2d → BatchNormalization (ε = 1e-5), ReLU → Relu, max-pool → MaxPool,
/// adaptive average pooling to 1×1 → GlobalAveragePool + Flatten, Linear → Gemm (transB = 1), Embedding → Gather,
/// the text branch's transpose and reshape → Transpose, Reshape; softmax → Softmax (axis 1).
/// </summary>
internal static class FgCrossNetOnnxGraph
{
    /// <summary>PyTorch's default batch-norm epsilon, which the model's BatchNorm2d layers use.</summary>
    private const float BatchNormEpsilon = 1e-5f;

    /// <summary>
    /// The image entry point: <see cref="FgCrossNetOnnxNames.ImageInput"/> [N, 3, S, S] raw 0..255 →
    /// <c>(x / 255 - mean) / std</c> per channel (float32, the same operations as training's preprocessing) → backbone.
    /// </summary>
    public static GraphProto Image(FgCrossNetModel model, int inputSize, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        var weights = new StateDictWeights(model);
        var g = new OnnxGraphBuilder("fgcrossnet_image");
        g.Input(FgCrossNetOnnxNames.ImageInput, DataType.Float,
            DimParamOrValue.New(FgCrossNetOnnxNames.BatchDimension), DimParamOrValue.New(3), DimParamOrValue.New(inputSize), DimParamOrValue.New(inputSize));
        var x = g.Node("Div", "normalize", [FgCrossNetOnnxNames.ImageInput, g.Initializer("normalize.byte_range", [255f])]);
        x = g.Node("Sub", "normalize", [x, g.Initializer("normalize.mean", [mean[0], mean[1], mean[2]], 1, 3, 1, 1)]);
        x = g.Node("Div", "normalize", [x, g.Initializer("normalize.std", [std[0], std[1], std[2]], 1, 3, 1, 1)]);
        Backbone(g, weights, model.Config, x);
        return g.Graph;
    }

    /// <summary>The text entry point: <see cref="FgCrossNetOnnxNames.TextInput"/> [N, L] int64 → text branch → backbone.</summary>
    public static GraphProto Text(FgCrossNetModel model)
    {
        var weights = new StateDictWeights(model);
        int length = model.Config.TextLength;
        var g = new OnnxGraphBuilder("fgcrossnet_text");
        g.Input(FgCrossNetOnnxNames.TextInput, DataType.Int64, DimParamOrValue.New(FgCrossNetOnnxNames.BatchDimension), DimParamOrValue.New(length));
        var x = g.Node("Gather", "embed", [weights.Add(g, "embed.weight"), FgCrossNetOnnxNames.TextInput], OnnxGraphBuilder.Int("axis", 0));
        x = g.Node("Transpose", "embed", [x], OnnxGraphBuilder.Ints("perm", 0, 2, 1));
        x = Conv(g, weights, "conv01", x, kernel: 3, stride: 1, padding: 1, spatialDims: 1);
        x = g.Node("Relu", "conv01", [x]);
        x = Conv(g, weights, "conv02", x, kernel: 3, stride: 1, padding: 1, spatialDims: 1);
        x = g.Node("Reshape", "reshape", [x, g.Initializer("reshape.shape", [-1L, 1, length, length], 4)]);
        x = Conv(g, weights, "conv0", x, kernel: 3, stride: 1, padding: 1);
        Backbone(g, weights, model.Config, x);
        return g.Graph;
    }

    private static void Backbone(OnnxGraphBuilder g, StateDictWeights w, NetworkArchitecture config, string x)
    {
        x = Conv(g, w, "conv1", x, kernel: 7, stride: 2, padding: 3);
        x = g.Node("Relu", "bn1", [BatchNorm(g, w, "bn1", x)]);
        x = g.Node("MaxPool", "maxpool", [x],
            OnnxGraphBuilder.Ints("kernel_shape", 3, 3), OnnxGraphBuilder.Ints("strides", 2, 2), OnnxGraphBuilder.Ints("pads", 1, 1, 1, 1));
        var blocks = config.Depth.BlocksPerStage();
        for (int stage = 0; stage < 4; stage++)
        {
            for (int b = 0; b < blocks[stage]; b++)
            {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                var prefix = $"layer{stage + 1}.{b}";
                x = config.Depth.UsesBottleneck() ? Bottleneck(g, w, prefix, x, stride) : BasicBlock(g, w, prefix, x, stride);
            }
        }
        x = g.Node("GlobalAveragePool", "avgpool", [x]);
        x = g.Node("Flatten", "avgpool", [x], [FgCrossNetOnnxNames.Embedding], OnnxGraphBuilder.Int("axis", 1))[0];
        g.Node("Gemm", "fc", [x, w.Add(g, "fc.weight"), w.Add(g, "fc.bias")], [FgCrossNetOnnxNames.Logits], OnnxGraphBuilder.Int("transB", 1));
        g.Node("Softmax", "softmax", [FgCrossNetOnnxNames.Logits], [FgCrossNetOnnxNames.Features], OnnxGraphBuilder.Int("axis", 1));
        var batch = DimParamOrValue.New(FgCrossNetOnnxNames.BatchDimension);
        var classes = DimParamOrValue.New(config.NumClasses);
        g.Output(FgCrossNetOnnxNames.Logits, DataType.Float, batch, classes);
        g.Output(FgCrossNetOnnxNames.Features, DataType.Float, batch, classes);
        g.Output(FgCrossNetOnnxNames.Embedding, DataType.Float, batch, DimParamOrValue.New(config.Depth.FeatureWidth()));
    }

    private static string BasicBlock(OnnxGraphBuilder g, StateDictWeights w, string prefix, string input, int stride)
    {
        var x = g.Node("Relu", $"{prefix}.bn1", [BatchNorm(g, w, $"{prefix}.bn1", Conv(g, w, $"{prefix}.conv1", input, 3, stride, 1))]);
        x = BatchNorm(g, w, $"{prefix}.bn2", Conv(g, w, $"{prefix}.conv2", x, 3, 1, 1));
        return Residual(g, w, prefix, input, x, stride);
    }

    private static string Bottleneck(OnnxGraphBuilder g, StateDictWeights w, string prefix, string input, int stride)
    {
        var x = g.Node("Relu", $"{prefix}.bn1", [BatchNorm(g, w, $"{prefix}.bn1", Conv(g, w, $"{prefix}.conv1", input, 1, 1, 0))]);
        x = g.Node("Relu", $"{prefix}.bn2", [BatchNorm(g, w, $"{prefix}.bn2", Conv(g, w, $"{prefix}.conv2", x, 3, stride, 1))]);
        x = BatchNorm(g, w, $"{prefix}.bn3", Conv(g, w, $"{prefix}.conv3", x, 1, 1, 0));
        return Residual(g, w, prefix, input, x, stride);
    }

    /// <summary>relu(x + shortcut): the downsample branch (1×1 conv with the stride, then batch norm) when the block has one.</summary>
    private static string Residual(OnnxGraphBuilder g, StateDictWeights w, string prefix, string input, string x, int stride)
    {
        var shortcut = w.Has($"{prefix}.downsample.0.weight")
            ? BatchNorm(g, w, $"{prefix}.downsample.1", Conv(g, w, $"{prefix}.downsample.0", input, 1, stride, 0))
            : input;
        return g.Node("Relu", prefix, [g.Node("Add", prefix, [x, shortcut])]);
    }

    /// <summary>A convolution with square kernel, stride and symmetric padding; its bias is used when the state dict has one.</summary>
    private static string Conv(OnnxGraphBuilder g, StateDictWeights w, string module, string x, int kernel, int stride, int padding, int spatialDims = 2)
    {
        var inputs = new List<string> { x, w.Add(g, $"{module}.weight") };
        if (w.Has($"{module}.bias")) inputs.Add(w.Add(g, $"{module}.bias"));
        return g.Node("Conv", module, inputs,
            OnnxGraphBuilder.Ints("kernel_shape", Enumerable.Repeat((long)kernel, spatialDims).ToArray()),
            OnnxGraphBuilder.Ints("strides", Enumerable.Repeat((long)stride, spatialDims).ToArray()),
            OnnxGraphBuilder.Ints("pads", Enumerable.Repeat((long)padding, 2 * spatialDims).ToArray()),
            OnnxGraphBuilder.Ints("dilations", Enumerable.Repeat(1L, spatialDims).ToArray()),
            OnnxGraphBuilder.Int("group", 1));
    }

    private static string BatchNorm(OnnxGraphBuilder g, StateDictWeights w, string module, string x) =>
        g.Node("BatchNormalization", module,
            [x, w.Add(g, $"{module}.weight"), w.Add(g, $"{module}.bias"), w.Add(g, $"{module}.running_mean"), w.Add(g, $"{module}.running_var")],
            OnnxGraphBuilder.Float("epsilon", BatchNormEpsilon));

    /// <summary>The model's state dict as float32 CPU arrays, looked up by key; every key is used at most once per graph.</summary>
    private sealed class StateDictWeights
    {
        private readonly Dictionary<string, Tensor> _state;

        public StateDictWeights(FgCrossNetModel model) => _state = model.state_dict();

        public bool Has(string key) => _state.ContainsKey(key);

        public string Add(OnnxGraphBuilder g, string key)
        {
            if (!_state.TryGetValue(key, out var tensor)) throw new InvalidOperationException($"the model has no parameter '{key}'");
            using var scope = NewDisposeScope();
            var values = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
            return g.Initializer(key, values, tensor.shape);
        }
    }
}
