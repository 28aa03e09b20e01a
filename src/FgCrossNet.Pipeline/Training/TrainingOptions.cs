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

    /// <summary>
    /// Receives the progress of three tasks: <c>training &lt;run folder name&gt;</c> (every step this call runs, so its
    /// ETA is the run's), <c>stage S epoch E/N</c> (the epoch's steps, with the running mean loss) and
    /// <c>stage S epoch E/N validation</c> (items scored). Called on the training thread.
    /// </summary>
    public Action<FgCrossNet.Progress.ProgressReport>? Progress { get; init; }

    /// <summary>Called on the training thread after each epoch's record is logged and its checkpoint written.</summary>
    public Action<EpochRecord>? EpochCompleted { get; init; }

    /// <summary>Called when a stage starts at its first epoch, with the stage number (0 for the optional warm-up, 1 or 2), after the model and centers are initialised for it.</summary>
    public Action<int, FgCrossNet.Model.FgCrossNetModel, FgCrossNet.Core.Losses.CenterLoss>? StageStarting { get; init; }
}
