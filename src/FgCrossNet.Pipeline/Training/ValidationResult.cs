using FgCrossNet.Core;

namespace FgCrossNet.Training;

/// <summary>
/// Validation figures after one epoch. <see cref="Accuracy"/>: per medium, the share of items (videos for video) whose
/// highest-scoring class is their label, in [0, 1]. <see cref="Map"/>: when computed, the MAP of every retrieval task by
/// name ("I->T", ..., "I->All", within-medium "I->I"), features being softmax outputs (a video's: the mean of its sampled
/// frames'), cosine ranking, the paper protocol.
/// </summary>
public sealed record ValidationResult(
    IReadOnlyDictionary<Medium, double> Accuracy,
    IReadOnlyDictionary<string, double>? Map,
    double? BimodalAverage,
    double? MultimodalAverage)
{
    /// <summary>Mean of the per-medium accuracies (the criterion of the "best" checkpoint).</summary>
    public double MeanAccuracy => Accuracy.Values.DefaultIfEmpty(0).Average();
}
