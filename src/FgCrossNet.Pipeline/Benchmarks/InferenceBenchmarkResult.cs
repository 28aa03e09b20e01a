namespace FgCrossNet.Benchmarks;

/// <summary>
/// Figures of <see cref="InferenceBenchmark"/>, images per second on the same files. End to end (decode, resize, crop,
/// forward, softmax): <see cref="MlNetImagesPerSecond"/> (ML.NET pipeline, one row per ONNX Runtime run),
/// <see cref="BatchedOrtImagesPerSecond"/> (ONNX Runtime, <see cref="Batch"/> images per run) and
/// <see cref="TorchSharpImagesPerSecond"/> (training's preprocessing, TorchSharp eval forward in batches of
/// <see cref="Batch"/>). Forward only, on the same prepared batches: <see cref="OrtForwardImagesPerSecond"/> and
/// <see cref="TorchSharpForwardImagesPerSecond"/>. Ratios are ONNX over TorchSharp. <see cref="MaxFeatureDifference"/>:
/// the largest |difference| between the three paths' features.
/// </summary>
public sealed record InferenceBenchmarkResult(
    int Depth, int InputSize, int Images, int Batch, int Threads,
    double MlNetImagesPerSecond, double BatchedOrtImagesPerSecond, double TorchSharpImagesPerSecond,
    double OrtForwardImagesPerSecond, double TorchSharpForwardImagesPerSecond,
    double MaxFeatureDifference)
{
    public double MlNetOverTorchSharp => MlNetImagesPerSecond / TorchSharpImagesPerSecond;

    public double BatchedOrtOverTorchSharp => BatchedOrtImagesPerSecond / TorchSharpImagesPerSecond;

    public double ForwardOrtOverTorchSharp => OrtForwardImagesPerSecond / TorchSharpForwardImagesPerSecond;
}
