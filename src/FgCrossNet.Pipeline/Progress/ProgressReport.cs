namespace FgCrossNet.Progress;

/// <summary>
/// Where one long-running task stands: <see cref="Task"/> says what is running (e.g. <c>stage 1 epoch 2/3</c>,
/// <c>image</c>, <c>grid tiny</c>) and identifies the task until its <see cref="Finished"/> report; <see cref="Done"/> of
/// <see cref="Total"/> <see cref="Unit"/> (null total: not known in advance) after <see cref="Elapsed"/> since the task
/// started; <see cref="Loss"/> is the running mean loss where there is one (training). Made by a
/// <see cref="ProgressMeter"/>; shown by <see cref="PlainProgressWriter"/>, <see cref="NotebookProgressDisplay"/> or the
/// command line's live display.
/// </summary>
public sealed record ProgressReport(string Task, long Done, long? Total, string Unit, TimeSpan Elapsed, double? Loss = null, bool Finished = false)
{
    /// <summary>Done / total in [0, 1]; 1 for a zero total (nothing to do), null for an unknown total.</summary>
    public double? Fraction => Total switch
    {
        null => null,
        <= 0 => 1,
        var total => Math.Clamp((double)Done / total.Value, 0, 1),
    };

    /// <summary>Mean rate since the start, in <see cref="Unit"/> per second; null before anything is done or any time has passed.</summary>
    public double? Rate => Done > 0 && Elapsed > TimeSpan.Zero ? Done / Elapsed.TotalSeconds : null;

    /// <summary>What is left at <see cref="Rate"/>; null when the total or the rate is unknown.</summary>
    public TimeSpan? Remaining => Total is { } total && Rate is { } rate
        ? TimeSpan.FromSeconds(Math.Max(0, total - Done) / rate)
        : null;
}
