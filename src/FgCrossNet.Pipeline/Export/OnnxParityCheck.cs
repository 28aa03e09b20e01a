using FgCrossNet.Model;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = TorchSharp.torch.Tensor;
using static TorchSharp.torch;

namespace FgCrossNet.Export;

/// <summary>One output of one entry point compared: the largest |TorchSharp − ONNX Runtime| over the items and classes, and the largest |value| for scale.</summary>
public sealed record OnnxParityRow(string EntryPoint, string Output, int Items, double MaxAbsDifference, double MaxAbsValue)
{
    /// <summary>
    /// Within tolerance: features (probabilities) to <see cref="OnnxParityCheck.FeatureTolerance"/>, logits (any scale)
    /// to <see cref="OnnxParityCheck.LogitRelativeTolerance"/> of their largest magnitude (at least 1).
    /// </summary>
    public bool Agrees => Output == FgCrossNetOnnxNames.Features
        ? MaxAbsDifference <= OnnxParityCheck.FeatureTolerance
        : MaxAbsDifference <= OnnxParityCheck.LogitRelativeTolerance * Math.Max(1, MaxAbsValue);
}

/// <summary>
/// Checks that an export computes what the network computes: TorchSharp's eval forward against ONNX Runtime (CPU) on
/// the same fixed inputs, for both entry points and both outputs. The inputs come from a seed: raw
/// RGB images (integers 0..255, float32 [N, 3, S, S], normalised by the metadata's mean and std on the TorchSharp
/// side as training does, inside the graph on the ONNX side) and character indices (int64 [N, L], 0..69).
/// </summary>
public static class OnnxParityCheck
{
    /// <summary>The tolerance the export tests hold the features to.</summary>
    public const double FeatureTolerance = 1e-4;

    /// <summary>
    /// Tolerance of the logits relative to their largest magnitude. The logits are the sharper test: on inputs far from
    /// the training data the softmax saturates to 0 and 1, where any graph agrees.
    /// </summary>
    public const double LogitRelativeTolerance = 1e-4;

    /// <summary>Compares <paramref name="model"/> (put in eval mode) with the export of <paramref name="onnxPath"/> (either file) on <paramref name="items"/> inputs per entry point.</summary>
    public static IReadOnlyList<OnnxParityRow> Compare(FgCrossNetModel model, string onnxPath, int items = 4, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(items);
        var (image, text) = FgCrossNetOnnxFile.OpenPair(onnxPath);
        var metadata = image.Metadata;
        if (metadata.Model != model.Config) throw new ArgumentException($"the export holds {metadata.Model} but the model is {model.Config}", nameof(model));
        model.eval();
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)seed);
        int size = metadata.InputSize;
        var raw = randint(0, 256, [items, 3, size, size], dtype: ScalarType.Float32, generator: generator);
        var tokens = randint(0, NetworkArchitecture.AlphabetSize, [items, metadata.Model.TextLength], dtype: ScalarType.Int64, generator: generator);
        var mean = tensor(metadata.Mean.ToArray()).reshape(1, 3, 1, 1);
        var std = tensor(metadata.Std.ToArray()).reshape(1, 3, 1, 1);
        Tensor imageLogits, textLogits;
        using (no_grad())
        {
            imageLogits = model.call((raw / 255f - mean) / std);
            textLogits = model.ForwardText(tokens);
        }
        var rows = new List<OnnxParityRow>();
        rows.AddRange(Rows(image, raw.data<float>().ToArray(), raw.shape, imageLogits, items));
        rows.AddRange(Rows(text, tokens.data<long>().ToArray(), tokens.shape, textLogits, items));
        return rows;
    }

    private static IEnumerable<OnnxParityRow> Rows<T>(FgCrossNetOnnxFile file, T[] values, long[] shape, Tensor logits, int items) where T : unmanaged
    {
        var expected = new Dictionary<string, float[]>
        {
            [FgCrossNetOnnxNames.Logits] = logits.data<float>().ToArray(),
            [FgCrossNetOnnxNames.Features] = logits.softmax(1).data<float>().ToArray(),
        };
        using var session = new InferenceSession(file.Path);
        var input = new DenseTensor<T>(values, [.. shape.Select(d => (int)d)]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(file.InputName, input)], [.. expected.Keys]);
        foreach (var result in results)
        {
            var actual = result.AsTensor<float>().ToArray();
            var reference = expected[result.Name];
            if (actual.Length != reference.Length) throw new InvalidOperationException($"{file.Path}: {result.Name} has {actual.Length} values, TorchSharp {reference.Length}");
            double diff = 0, scale = 0;
            for (int i = 0; i < actual.Length; i++)
            {
                diff = Math.Max(diff, Math.Abs((double)actual[i] - reference[i]));
                scale = Math.Max(scale, Math.Abs((double)reference[i]));
            }
            yield return new OnnxParityRow(file.EntryPoint, result.Name, items, diff, scale);
        }
    }
}
