using System.Text.Json;
using System.Text.Json.Serialization;

namespace FgCrossNet.Training;

/// <summary>
/// The bookkeeping of the last completed epoch (<c>checkpoints/last.json</c>): where training stands, which files hold
/// the matching model, centers, optimizer and RNG state, and the best epochs so far. Written after those files, so it
/// always names a complete set.
/// </summary>
public sealed record TrainingState
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Stage of the last completed epoch (0 for the optional warm-up, 1 or 2).</summary>
    public int Stage { get; init; }

    /// <summary>1-based epoch within <see cref="Stage"/> that was completed last.</summary>
    public int Epoch { get; init; }

    /// <summary>The dataset root the run trains on (so that a resume needs no <c>--data</c>).</summary>
    public string DataRoot { get; init; } = "";

    /// <summary>Files (names in <c>checkpoints/</c>) of the training state after that epoch.</summary>
    public string ModelFile { get; init; } = "";

    public string CentersFile { get; init; } = "";

    public string OptimizerFile { get; init; } = "";

    public string RngFile { get; init; } = "";

    /// <summary>Learning rate used in that epoch (the schedule is a function of the epoch; kept for reading).</summary>
    public double LearningRate { get; init; }

    /// <summary>Best epoch per stage so far (key "0", "1" or "2").</summary>
    public Dictionary<string, BestEpoch> Best { get; init; } = new();

    /// <summary>Training and validation seconds spent so far, over all processes of the run.</summary>
    public double ElapsedSeconds { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static TrainingState FromJson(string json) =>
        JsonSerializer.Deserialize<TrainingState>(json, JsonOptions) ?? throw new JsonException("empty training state");
}

/// <summary>The epoch of a stage with the highest mean per-medium validation accuracy (the first one on ties).</summary>
public sealed record BestEpoch(int Epoch, double MeanAccuracy, Dictionary<string, double> Accuracy);
