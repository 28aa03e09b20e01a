using System.Diagnostics;
using FgCrossNet.Data.Loading;
using MathNet.Numerics.Statistics;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Training;

/// <summary>
/// How long a config's training would take here, from measured throughput: <see cref="SecondsPerStep"/> is the median
/// wall time of <see cref="MeasuredSteps"/> real training steps (the config's network, input size, batch, losses of
/// its last stage (stage 2 adds the ranking loss, the slowest), device, and data loading from the given root) after one
/// warm-up step; the total costs every step of every stage (<c>steps_per_epoch</c>, or the loader's epoch length on this
/// root, times the epochs) at that time, scaled by the stage's rows per step (its media × batch per medium) against the
/// measured stage's. Validation passes are not included.
/// </summary>
/// <param name="SecondsPerStep">Median seconds of the measured steps.</param>
/// <param name="MeasuredSteps">Steps measured (after the warm-up step).</param>
/// <param name="MeasuredRowsPerStep">Rows (items over all media) per measured step.</param>
/// <param name="Stages">Each stage with epochs: its number, epochs, steps per epoch and rows per step.</param>
/// <param name="Device">The device the steps ran on.</param>
public sealed record TrainingTimeEstimate(double SecondsPerStep, int MeasuredSteps, int MeasuredRowsPerStep, IReadOnlyList<StageSteps> Stages, string Device)
{
    public long TotalSteps => Stages.Sum(s => s.Steps);

    public double TotalSeconds => Stages.Sum(s => s.Steps * SecondsPerStep * s.RowsPerStep / MeasuredRowsPerStep);

    public override string ToString()
    {
        var stages = string.Join(" + ", Stages.Select(s => FormattableString.Invariant($"stage {s.Number}: {s.Epochs} x {s.StepsPerEpoch} steps of {s.RowsPerStep} rows")));
        return FormattableString.Invariant(
            $"{SecondsPerStep:F2} s per step of {MeasuredRowsPerStep} rows on {Device} (median of {MeasuredSteps}); {stages} = {TotalSteps:N0} steps: about {TimeSpan.FromSeconds(TotalSeconds).TotalHours:F1} h, validation not included");
    }

    /// <summary>Measures <paramref name="steps"/> steps of <paramref name="config"/> on <paramref name="dataRoot"/> (nothing is written).</summary>
    public static TrainingTimeEstimate Measure(ExperimentConfig config, string dataRoot, int steps = 3, Action<string>? log = null)
    {
        if (steps < 1) throw new ArgumentException($"steps must be at least 1, got {steps}");
        var device = TrainingDevice.Resolve(config.Device, log);
        if (config.Threads > 0) set_num_threads(config.Threads);
        var data = TrainingData.Open(config, dataRoot);
        var network = SeededNetwork.Create(config);
        using var model = network.Model;
        using var centers = network.Centers;
        model.to(device);
        centers.to(device);
        model.train();
        var stage = config.Stage2.Epochs > 0 ? config.Stage2 : config.Stage1;
        var (optimizer, _) = StageOptimizer.Create(model, centers, config.Optimizer, config.Optimizer.Lr * stage.LrScale);
        using var disposeOptimizer = optimizer;
        using var loader = data.Loader(config, stage);
        var step = new TrainingStep(model, centers, optimizer, StageLossWeights.From(stage), device);
        var seconds = new List<double>();
        var clock = new Stopwatch();
        foreach (var batch in loader.Epoch(0).Take(steps + 1))
        {
            clock.Restart();
            using (batch) step.Run(batch);
            seconds.Add(clock.Elapsed.TotalSeconds);
            log?.Invoke($"step {seconds.Count}: {seconds[^1]:F2} s{(seconds.Count == 1 ? " (warm-up)" : "")}");
        }
        if (seconds.Count < 2) throw new InvalidOperationException($"the loader gave {seconds.Count} batches; an epoch on {dataRoot} is shorter than {steps + 1} steps");
        StageSteps StepsOf(int number, StageConfig s)
        {
            using var l = data.Loader(config, s);
            return new StageSteps(number, s.Epochs, l.StepsPerEpoch, LoaderOptionsMapping.RowsPerStep(config, s));
        }
        var stages = config.Stages.Where(s => s.Config.Epochs > 0).Select(s => StepsOf(s.Number, s.Config)).ToArray();
        return new TrainingTimeEstimate(seconds.Skip(1).Median(), seconds.Count - 1, LoaderOptionsMapping.RowsPerStep(config, stage), stages, device.ToString());
    }

}

/// <summary>One stage of a <see cref="TrainingTimeEstimate"/>.</summary>
public sealed record StageSteps(int Number, int Epochs, int StepsPerEpoch, int RowsPerStep)
{
    public long Steps => (long)Epochs * StepsPerEpoch;
}
