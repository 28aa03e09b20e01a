using FgCrossNet.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Model;

/// <summary>Small networks and fixed inputs for the Model tests (small sizes keep them fast on a CPU).</summary>
internal static class ModelTestData
{
    public const int SmallTextLength = 32;
    public const int SmallClasses = 10;

    /// <summary>A ResNet-18 FGCrossNet with 10 classes and L = 32, in eval mode, with non-trivial batch-norm statistics.</summary>
    public static FgCrossNetModel SmallResNet18(ulong seed = 1)
    {
        var model = FgCrossNetModel.ResNet18(SmallClasses, SmallTextLength);
        RandomizeBatchNormStatistics(model, seed);
        model.eval();
        return model;
    }

    /// <summary>Uniform [0, 1) images [n, 3, size, size] from a fixed seed.</summary>
    public static Tensor Images(long n, long size, ulong seed) => Images(n, size, size, seed);

    public static Tensor Images(long n, long height, long width, ulong seed)
    {
        var generator = new Generator(seed);
        return rand(new[] { n, 3, height, width }, generator: generator);
    }

    /// <summary>Character indices [n, length] in 0..69 from a fixed seed.</summary>
    public static Tensor Tokens(long n, long length, ulong seed)
    {
        var generator = new Generator(seed);
        return randint(0, NetworkArchitecture.AlphabetSize, new[] { n, length }, dtype: ScalarType.Int64, generator: generator);
    }

    /// <summary>Gives every batch norm random affine parameters and running statistics (fresh ones are 1, 0, 0, 1, which hide mistakes).</summary>
    public static void RandomizeBatchNormStatistics(nn.Module model, ulong seed)
    {
        var generator = new Generator(seed);
        using var noGrad = no_grad();
        var stateDict = model.state_dict();
        foreach (var (name, tensor) in stateDict)
        {
            if (name.EndsWith(".running_var", StringComparison.Ordinal)) tensor.copy_(rand(tensor.shape, generator: generator) + 0.5);
            else if (name.EndsWith(".running_mean", StringComparison.Ordinal)) tensor.copy_(randn(tensor.shape, generator: generator) * 0.1);
            else if (IsBatchNormAffine(stateDict, name)) tensor.copy_(randn(tensor.shape, generator: generator) * 0.1 + (name.EndsWith(".weight") ? 1.0 : 0.0));
        }
    }

    private static bool IsBatchNormAffine(Dictionary<string, Tensor> stateDict, string name) =>
        (name.EndsWith(".weight", StringComparison.Ordinal) || name.EndsWith(".bias", StringComparison.Ordinal))
        && stateDict.ContainsKey(name[..name.LastIndexOf('.')] + ".running_mean");

    /// <summary>The largest absolute difference between two tensors of the same shape.</summary>
    public static double MaxAbsDifference(Tensor a, Tensor b)
    {
        Assert.Equal(a.shape, b.shape);
        using var diff = (a - b).abs().max();
        return diff.ToDouble();
    }

    /// <summary>"name [d0, d1]" lines, in the given order.</summary>
    public static string[] NamesAndShapes(IEnumerable<KeyValuePair<string, Tensor>> entries) =>
        entries.Select(kv => $"{kv.Key} [{string.Join(", ", kv.Value.shape)}]").ToArray();
}
