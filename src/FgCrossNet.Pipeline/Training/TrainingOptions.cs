namespace FgCrossNet.Training;

/// <summary>How a <see cref="TwoStageTrainer"/> run is driven (none of it changes the results).</summary>
public sealed record TrainingOptions
{
    /// <summary>
    /// Stop (as if killed) after this many epochs have been completed and checkpointed by this call; null runs to the end.
    /// The run folder is left resumable, exactly as after an interruption.
    /// </summary>
    public int? StopAfterEpochs { get; init; }

    /// <summary>Checked between epochs; when cancelled, the run stops after the epoch in progress is checkpointed.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Receives a line per notable event (start, device fallback, end of epoch).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Receives progress after every training step and validation.</summary>
    public Action<TrainingProgress>? Progress { get; init; }

    /// <summary>Called on the training thread after each epoch's record is logged and its checkpoint written.</summary>
    public Action<EpochRecord>? EpochCompleted { get; init; }

    /// <summary>Called when a stage starts at its first epoch, with the stage number (1 or 2), after the model and centers are initialised for it.</summary>
    public Action<int, FgCrossNet.Model.FgCrossNetModel, FgCrossNet.Core.Losses.CenterLoss>? StageStarting { get; init; }
}
