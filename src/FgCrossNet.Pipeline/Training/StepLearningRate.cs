namespace FgCrossNet.Training;

/// <summary>
/// PyTorch's <c>StepLR(step_size, gamma)</c> as a pure function of the epoch, restarted at every stage:
/// <c>lr(e) = base · gamma^⌊e / stepEpochs⌋</c> for the 0-based epoch e of the stage. Being a function of the epoch
/// alone, its "position" after a resume is the epoch itself.
/// </summary>
/// <remarks>
/// The reference calls <c>scheduler.step()</c> at the start of every epoch, and was written for PyTorch 0.4/1.0
/// (its <c>.cuda(async=True)</c> does not parse on the Python 3.7 that later PyTorch needs). There, the scheduler's
/// constructor steps to epoch 0 and then resets <c>last_epoch</c> to −1, so the step at the start of 0-based epoch e
/// sets <c>last_epoch = e</c> and the rate is <c>base · gamma^⌊e/3⌋</c>: this formula (epochs 0-2 at 0.001, 3-5 at
/// 0.0005, ...). From PyTorch 1.1 the constructor leaves <c>last_epoch = 0</c>, so the same code would decay one epoch
/// earlier (<c>gamma^⌊(e+1)/3⌋</c>); we follow 1.0, the version the reference ran on.
/// </remarks>
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
