using FgCrossNet.Core;

namespace FgCrossNet.Training;

/// <summary>
/// The outcome of a <see cref="TwoStageTrainer"/> call. <see cref="Completed"/> is false when it stopped early
/// (<see cref="TrainingOptions.StopAfterEpochs"/> or cancellation); the run folder can then be resumed.
/// <see cref="FinalAccuracy"/>: per-medium validation accuracy after the last epoch (empty when none ran in this call).
/// </summary>
public sealed record TrainingResult(
    string RunFolder,
    bool Completed,
    int EpochsRun,
    IReadOnlyDictionary<Medium, double> FinalAccuracy,
    double Seconds);
