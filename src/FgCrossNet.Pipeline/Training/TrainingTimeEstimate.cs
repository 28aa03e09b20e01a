using System.Diagnostics;
using FgCrossNet.Data.Loading;
using MathNet.Numerics.Statistics;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Training;

/// <summary>
/// How long a config's training would take here, from measured throughput: <see cref="SecondsPerStep"/> is the median
/// wall time of <see cref="MeasuredSteps"/> real training steps (the config's network, input size, batch, losses of
/// stage 2 (the slower stage: it adds the ranking loss), device, and data loading from the given root) after one
/// warm-up step; the total multiplies it by every step of both stages (<c>steps_per_epoch</c>, or the loader's epoch
/// length on this root, times the epochs). Validation passes are not included.
/// </summary>
public sealed record TrainingTimeEstimate(
    double SecondsPerStep, int MeasuredSteps, int StepsPerEpochStage1, int StepsPerEpochStage2, int EpochsStage1, int EpochsStage2,
    string Device)
{
    public long TotalSteps => (long)StepsPerEpochStage1 * EpochsStage1 + (long)StepsPerEpochStage2 * EpochsStage2;

    public double TotalSeconds => TotalSteps * SecondsPerStep;

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{SecondsPerStep:F2} s per step on {Device} (median of {MeasuredSteps}); {EpochsStage1} x {StepsPerEpochStage1} + {EpochsStage2} x {StepsPerEpochStage2} steps = {TotalSteps:N0} steps: about {TimeSpan.FromSeconds(TotalSeconds).TotalHours:F1} h, validation not included");

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
        using var optimizer = optim.SGD(model.parameters().Concat(centers.parameters()), config.Optimizer.Lr, config.Optimizer.Momentum);
        var stage = config.Stage2.Epochs > 0 ? config.Stage2 : config.Stage1;
        using var loader = new CrossMediaLoader(data.Train, TrainingDataOptions.Loader(config, stage));
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
        int StepsOf(StageConfig s)
        {
            using var l = new CrossMediaLoader(data.Train, TrainingDataOptions.Loader(config, s));
            return l.StepsPerEpoch;
        }
        return new TrainingTimeEstimate(seconds.Skip(1).Median(), seconds.Count - 1, StepsOf(config.Stage1), StepsOf(config.Stage2),
            config.Stage1.Epochs, config.Stage2.Epochs, device.ToString());
    }
}
