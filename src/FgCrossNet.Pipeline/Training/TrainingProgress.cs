namespace FgCrossNet.Training;

/// <summary>
/// Where a run stands: <see cref="Stage"/> (1 or 2), 1-based <see cref="Epoch"/> of <see cref="EpochsInStage"/>, and
/// <see cref="Step"/> of <see cref="StepsPerEpoch"/> steps done in this epoch; <see cref="Phase"/> is "train" or
/// "validate"; <see cref="MeanLoss"/> is the running mean total loss of the epoch.
/// </summary>
public sealed record TrainingProgress(int Stage, int Epoch, int EpochsInStage, int Step, int StepsPerEpoch, string Phase, double MeanLoss);
