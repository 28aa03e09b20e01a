using FgCrossNet.Data.Loading;
using FgCrossNet.Export;
using FgCrossNet.Model;
using FgCrossNet.Pipeline.Tests.Model;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = TorchSharp.torch.Tensor;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Export;

/// <summary>Small networks with random batch-norm statistics, their metadata, and ONNX Runtime runs of exported files.</summary>
internal static class ExportTestData
{
    public const int ImageSize = 32;

    /// <summary>A small network of the given depth in eval mode, every batch norm with random affine parameters and running statistics.</summary>
    public static FgCrossNetModel SmallModel(ResNetDepth depth, ulong seed)
    {
        manual_seed((long)seed);
        var model = FgCrossNetModel.Create(depth, ModelTestData.SmallClasses, ModelTestData.SmallTextLength);
        ModelTestData.RandomizeBatchNormStatistics(model, seed);
        model.eval();
        return model;
    }

    public static FgCrossNetOnnxMetadata Metadata(FgCrossNetModel model, int imageScale = ImageSize + 4) => new()
    {
        Model = model.Config,
        ClassNames = [.. Enumerable.Range(0, model.Config.NumClasses).Select(i => $"bird_{i}")],
        InputSize = ImageSize,
        ImageScale = imageScale,
        Mean = ImagePreprocessOptions.Paper.Mean,
        Std = ImagePreprocessOptions.Paper.Std,
        Text = new TextEncodingOptions { Length = model.Config.TextLength },
        VideoEvalFrames = 2,
    };

    /// <summary>Raw RGB values: integers 0..255 as float32 [n, 3, size, size].</summary>
    public static Tensor RawImages(long n, long size, ulong seed) => (ModelTestData.Images(n, size, seed) * 256).floor().clamp(0, 255);

    /// <summary>What training feeds the network for raw values: <c>(x / 255 - mean) / std</c> per channel, in float32.</summary>
    public static Tensor Normalise(Tensor raw)
    {
        var mean = tensor(ImagePreprocessOptions.Paper.Mean.ToArray()).reshape(1, 3, 1, 1);
        var std = tensor(ImagePreprocessOptions.Paper.Std.ToArray()).reshape(1, 3, 1, 1);
        return (raw / 255f - mean) / std;
    }

    /// <summary>Runs an ONNX file on one input; returns the named output as float32 [n, C].</summary>
    public static float[] RunOnnx<T>(string path, string inputName, T[] values, long[] shape, string output) where T : unmanaged
    {
        using var session = new InferenceSession(path);
        var input = new DenseTensor<T>(values, shape.Select(d => (int)d).ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, input)], [output]);
        return results.Single().AsTensor<float>().ToArray();
    }

    public static double MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        return max;
    }
}
