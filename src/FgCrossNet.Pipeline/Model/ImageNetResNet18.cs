using System.Reflection;
using FgCrossNet.Data.Loading;
using FgCrossNet.IO;
using Onnx;
using static TorchSharp.torch;

namespace FgCrossNet.Model;

/// <summary>
/// ImageNet ResNet-18 weights with no download: ML.NET's featurizer package <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>
/// (fetched into the NuGet package folder at restore) holds <c>ResNet18Onnx/ResNet18.onnx</c>, a CNTK 2.6 export of an
/// ImageNet-trained ResNet-18, converted here into the torchvision-layout backbone of <see cref="FgCrossNetModel"/>
/// (<c>conv1</c>, <c>bn1</c>, <c>layer1.0</c> … <c>layer4.1</c> with <c>downsample.0/1</c>); <c>fc</c> and the text
/// branch are not in it. <c>model.pretrained = "imagenet"</c> names it.
/// </summary>
/// <remarks>
/// The CNTK network has 9 basic blocks, [2, 2, 2, 3]: one more 512-channel block than torchvision's ResNet-18. Its
/// first 8 map one to one onto torchvision's (found from the graph: a block ends at each Add, its 3×3 convolutions are
/// conv1 and conv2, a 1×1 convolution is the downsample, the stage follows from the channel count); the 9th
/// (<c>layer4.2</c>) has no place in our network and is dropped. CNTK's asymmetric pads give PyTorch's symmetric-pad
/// outputs at these sizes. Input convention: the package feeds BGR pixels in 0..255 minus a mean image; our network
/// takes RGB normalised by the ImageNet mean and std, x = (p/255 − mean)/std. <c>conv1</c> has no bias, so the
/// conversion reorders its input channels (BGR → RGB) and scales channel c by 255·std_c: the converted network on x
/// equals the package's on p_BGR − 255·mean_BGR, the per-channel mean our normalisation implies, instead of the
/// package's mean image (channel means ≈ B 103.06, G 115.90, R 123.15 against our 103.53, 116.28, 123.68).
/// </remarks>
public static class ImageNetResNet18
{
    /// <summary>The value of <c>model.pretrained</c> that names these weights.</summary>
    public const string PretrainedName = "imagenet";

    /// <summary>An environment variable naming another copy of <c>ResNet18.onnx</c> (e.g. on a machine without the package).</summary>
    public const string PathVariable = "FGX_IMAGENET_RESNET18_ONNX";

    /// <summary>The package's folder, as recorded at build time (see FgCrossNet.Pipeline.csproj).</summary>
    public static string PackageFolder { get; } = typeof(ImageNetResNet18).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "DnnImageFeaturizerResNet18Folder")?.Value ?? "";

    /// <summary>The ONNX file the weights are read from: <see cref="PathVariable"/> if set, else the package's <c>ResNet18.onnx</c>.</summary>
    public static string ModelPath => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path
        ? path
        : Path.Combine(PackageFolder, "tools", "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");

    /// <summary>The package's preprocessing graph (RGB → BGR, minus its mean image), for comparisons.</summary>
    public static string PreprocessPath => Path.Combine(PackageFolder, "tools", "DnnImageModels", "ResNetPrepOnnx", "ResNetPreprocess.onnx");

    /// <summary>
    /// Checks that the weights can be read (the file exists and is the expected network), so a run can refuse early.
    /// Throws <see cref="InvalidInputException"/> naming the file and what to do.
    /// </summary>
    public static void Check()
    {
        using var contents = Read();
    }

    /// <summary>The converted backbone as a state dict in torchvision's names (<see cref="CheckpointContents"/>; the caller disposes it).</summary>
    public static CheckpointContents Read(string? path = null)
    {
        path = Path.GetFullPath(path ?? ModelPath);
        if (!File.Exists(path))
            throw new InvalidInputException(path,
                $"model.pretrained = \"{PretrainedName}\" needs ML.NET's ImageNet ResNet-18 (NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18, " +
                $"downloaded by environment/setup.sh's restore); run environment/setup.sh, or set {PathVariable} to a copy of ResNet18.onnx");
        var graph = OnnxModelReader.Read(path).Graph;
        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        var tensors = new List<KeyValuePair<string, Tensor>>();
        try
        {
            Convert(graph, initializers, tensors, path);
            return CheckpointContents.FromTensors(tensors);
        }
        catch
        {
            foreach (var (_, tensor) in tensors) tensor.Dispose();
            throw;
        }
    }

    private static void Convert(GraphProto graph, Dictionary<string, TensorProto> initializers, List<KeyValuePair<string, Tensor>> tensors, string path)
    {
        var batchNormOf = graph.Node.Where(n => n.OpType == "BatchNormalization").ToDictionary(n => n.Input[0]);
        var convolutions = graph.Node.Where(n => n.OpType == "Conv").ToList();
        if (convolutions.Count == 0) throw NotResNet18(path, "it has no convolution");

        AddConvolution(convolutions[0], "conv1", "bn1", foldInput: true);
        var perStage = new int[4];
        var block = new List<NodeProto>();
        foreach (var node in graph.Node.SkipWhile(n => n != convolutions[0]).Skip(1))
        {
            if (node.OpType == "Conv") block.Add(node);
            if (node.OpType != "Add") continue;
            var main = block.Where(c => KernelSize(c) == 3).ToList();
            var downsample = block.Where(c => KernelSize(c) == 1).ToList();
            if (main.Count != 2 || downsample.Count > 1) throw NotResNet18(path, $"a block ending at {node.Name} is not a basic block");
            int stage = Array.IndexOf([64L, 128L, 256L, 512L], Weight(main[1]).Dims[0]);
            if (stage < 0) throw NotResNet18(path, $"a block ending at {node.Name} has {Weight(main[1]).Dims[0]} channels");
            int index = perStage[stage]++;
            block.Clear();
            if (index >= 2) continue; // layer4.2 of the CNTK network: no place in torchvision's ResNet-18
            var prefix = $"layer{stage + 1}.{index}";
            AddConvolution(main[0], $"{prefix}.conv1", $"{prefix}.bn1");
            AddConvolution(main[1], $"{prefix}.conv2", $"{prefix}.bn2");
            if (downsample.Count == 1) AddConvolution(downsample[0], $"{prefix}.downsample.0", $"{prefix}.downsample.1");
        }
        if (!perStage.SequenceEqual([2, 2, 2, 3])) throw NotResNet18(path, $"its stages have [{string.Join(", ", perStage)}] blocks, expected [2, 2, 2, 3]");

        void AddConvolution(NodeProto conv, string convName, string batchNormName, bool foldInput = false)
        {
            var weight = Weight(conv);
            var values = Values(weight, path);
            if (foldInput) values = FoldInputConvention(values, weight.Dims);
            tensors.Add(new(convName + ".weight", tensor(values, [.. weight.Dims])));
            if (!batchNormOf.TryGetValue(conv.Output[0], out var bn)) throw NotResNet18(path, $"{conv.Name} is not followed by a batch norm");
            string[] parts = ["weight", "bias", "running_mean", "running_var"];
            for (int i = 0; i < parts.Length; i++)
            {
                var parameter = initializers.GetValueOrDefault(bn.Input[i + 1]) ?? throw NotResNet18(path, $"{bn.Name} has no {parts[i]}");
                tensors.Add(new($"{batchNormName}.{parts[i]}", tensor(Values(parameter, path), [.. parameter.Dims])));
            }
            tensors.Add(new($"{batchNormName}.num_batches_tracked", tensor(0L)));
        }

        TensorProto Weight(NodeProto conv) =>
            initializers.GetValueOrDefault(conv.Input[1]) ?? throw NotResNet18(path, $"{conv.Name} has no weight initializer");
    }

    /// <summary>
    /// conv1's weights [64, 3, 7, 7] from the package's input (BGR, 0..255) to ours (RGB, (p/255 − mean)/std): input
    /// channel c (RGB) takes the package's channel 2 − c, scaled by 255·std_c.
    /// </summary>
    private static float[] FoldInputConvention(float[] values, IList<long> dims)
    {
        var std = ImagePreprocessOptions.Paper.Std;
        int outputs = (int)dims[0], inputs = (int)dims[1], kernel = (int)(dims[2] * dims[3]);
        if (inputs != 3) throw new ArgumentException("conv1 must take 3 channels");
        var folded = new float[values.Length];
        for (int o = 0; o < outputs; o++)
            for (int c = 0; c < 3; c++)
                for (int k = 0; k < kernel; k++)
                    folded[(o * 3 + c) * kernel + k] = values[(o * 3 + (2 - c)) * kernel + k] * 255f * std[c];
        return folded;
    }

    private static int KernelSize(NodeProto conv) =>
        (int)(conv.Attribute.FirstOrDefault(a => a.Name == "kernel_shape")?.Ints.FirstOrDefault() ?? 0);

    private static float[] Values(TensorProto t, string path)
    {
        if (t.DataType != (int)TensorProto.Types.DataType.Float) throw NotResNet18(path, $"{t.Name} is not float32");
        long count = t.Dims.Aggregate(1L, (a, b) => a * b);
        float[] values = t.FloatData.Count > 0
            ? [.. t.FloatData]
            : System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray();
        if (values.Length != count) throw NotResNet18(path, $"{t.Name} holds {values.Length} values for shape [{string.Join(", ", t.Dims)}]");
        return values;
    }

    private static InvalidInputException NotResNet18(string path, string why) =>
        new(path, $"not ML.NET's ImageNet ResNet-18 ({why}); reinstall the package with environment/setup.sh or point {PathVariable} at the right file");
}
