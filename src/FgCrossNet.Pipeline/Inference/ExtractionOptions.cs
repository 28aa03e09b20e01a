using FgCrossNet.Core;

namespace FgCrossNet.Inference;

/// <summary>What <see cref="FeatureExtraction"/> extracts, from where, into where, and how.</summary>
public sealed record ExtractionOptions
{
    /// <summary>Either file of an export (<see cref="Export.OnnxModelWriter"/>).</summary>
    public required string ModelPath { get; init; }

    /// <summary>Dataset root in the FG-XMedia layout.</summary>
    public required string DataRoot { get; init; }

    /// <summary>Output folder: <c>OUT/&lt;medium&gt;/</c> per medium.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>The list read per medium: <c>list/&lt;medium&gt;/&lt;split&gt;.txt</c>.</summary>
    public string Split { get; init; } = "test";

    /// <summary>Media to extract; null: every medium whose list exists.</summary>
    public IReadOnlyList<Medium>? Media { get; init; }

    public FeatureEngine Engine { get; init; } = FeatureEngine.MlNet;

    public ImageResizeMode Resize { get; init; } = ImageResizeMode.PillowExact;

    /// <summary>Items per ONNX Runtime run for <see cref="FeatureEngine.BatchedOrt"/>.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>CUDA device to ask for (null: CPU); see <see cref="ExecutionProvider.Choose"/>.</summary>
    public int? GpuDeviceId { get; init; }

    /// <summary>
    /// Extract only this shard's block of every list, into <c>OUT/shards/k-of-n/</c> (<see cref="ExtractionShard"/>);
    /// null: everything, into <c>OUT/</c>.
    /// </summary>
    public ExtractionShard? Shard { get; init; }

    /// <summary>Redo media that a previous run finished (default: skip them).</summary>
    public bool Force { get; init; }

    public Action<string>? Log { get; init; }

    /// <summary>Receives the progress of each medium extracted, a task named after its folder (<c>image</c>, ...; video in videos).</summary>
    public Action<FgCrossNet.Progress.ProgressReport>? Progress { get; init; }
}
