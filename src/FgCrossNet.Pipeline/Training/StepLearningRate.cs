namespace FgCrossNet.Training;

/// <summary>
/// PyTorch's <c>StepLR(step_size, gamma)</c> as a pure function of the epoch, restarted at every stage:
/// <c>lr(e) = base · gamma^⌊e / stepEpochs⌋</c> for the 0-based epoch e of the stage. Being a function of the epoch
/// alone, its "position" after a resume is the epoch itself.
/// </summary>
public static class StepLearningRate
{
    /// <summary>The learning rate of 0-based epoch <paramref name="epochInStage"/>.</summary>
    public static double At(double baseRate, int stepEpochs, double gamma, int epochInStage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(epochInStage);
        return baseRate * Math.Pow(gamma, epochInStage / stepEpochs);
    }
}
