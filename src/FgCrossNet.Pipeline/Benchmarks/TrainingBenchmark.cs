using System.Diagnostics;
using FgCrossNet.Core.Losses;
using FgCrossNet.Core;
using FgCrossNet.Data.Loading;
using FgCrossNet.Model;
using FgCrossNet.Synthetic;
using FgCrossNet.Training;
using MathNet.Numerics.Statistics;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Benchmarks;

/// <summary>
/// Figures of one <see cref="TrainingBenchmark"/> case. Items are network rows (all four media; a step has 4·B).
/// <see cref="ComputeItemsPerSecond"/>: FGCrossNet's training step (<see cref="TrainingStep"/>: forward over all media,
/// classification + center loss, backward, SGD step) on tensors made once. <see cref="FullItemsPerSecond"/>: the same
/// steps fed by the <see cref="CrossMediaLoader"/> (decoding, augmentation, prefetching). <see cref="Ratio"/> = full /
/// compute (1 = loading fully hidden).
/// </summary>
public sealed record TrainingBenchmarkCase(
    int Depth, int Crop, int Batch, int Steps, int TorchThreads, int LoaderWorkers,
    double ComputeItemsPerSecond, double FullItemsPerSecond, double Ratio);

/// <summary>
/// How fast FGCrossNet trains on this machine: ResNet-18 at 112 px with 16 rows per step (B = 4 per medium) and
/// ResNet-50 at 224 px with 8 rows (B = 2), each as compute alone and as full steps with data loading. Medians of
/// per-step wall times after two warm-up steps.
/// </summary>
public static class TrainingBenchmark
{
    /// <summary>The two standard cases: (depth, crop, rows per step).</summary>
    public static IReadOnlyList<(int Depth, int Crop, int Batch)> StandardCases { get; } = [(18, 112, 16), (50, 224, 8)];

    /// <param name="root">Dataset root; null generates a small synthetic one (deleted afterwards).</param>
    /// <param name="steps">Timed steps per measurement.</param>
    /// <param name="cases">Cases to run (default <see cref="StandardCases"/>).</param>
    /// <param name="workers">Loader workers (default: the loader's default).</param>
    /// <param name="log">Progress lines.</param>
    public static IReadOnlyList<TrainingBenchmarkCase> Run(string? root = null, int steps = 10, IReadOnlyList<(int Depth, int Crop, int Batch)>? cases = null,
        int? workers = null, Action<string>? log = null)
    {
        if (steps <= 0) throw new ArgumentException($"steps must be positive, got {steps}");
        cases ??= StandardCases;
        string? generated = null;
        if (root is null)
        {
            generated = Path.Combine(Path.GetTempPath(), "fgx-bench-train-" + Guid.NewGuid().ToString("N")[..8]);
            log?.Invoke($"generating a synthetic root in {generated}");
            SyntheticDatasetGenerator.Generate(new SyntheticConfig { Classes = 20, Images = new(8, 1), Texts = new(8, 1), Audio = new(8, 1), Videos = new(2, 1), AudioSeconds = 0.5 }, generated);
            root = generated;
        }
        try
        {
            var results = new List<TrainingBenchmarkCase>();
            foreach (var (depth, crop, batch) in cases)
            {
                if (batch % 4 != 0) throw new ArgumentException($"rows per step must be a multiple of 4 (four media), got {batch}");
                results.Add(RunCase(root, depth, crop, batch / 4, steps, workers, log));
            }
            return results;
        }
        finally
        {
            if (generated is not null) try { Directory.Delete(generated, recursive: true); } catch (IOException) { }
        }
    }

    private static TrainingBenchmarkCase RunCase(string root, int depth, int crop, int perMedium, int steps, int? workers, Action<string>? log)
    {
        var image = new ImagePreprocessOptions { Scale = crop * 8 / 7, Crop = crop, Augmentation = ImageAugmentation.RandomCropAndFlip };
        var text = new TextEncodingOptions { Length = crop, Lowercase = true, RandomLeftPadding = true };
        var datasets = CrossMediaDatasets.Open(root, "train", image, text);
        var options = new CrossMediaLoaderOptions { PerMedium = perMedium, StepsPerEpoch = steps + 2 };
        if (workers is { } w) options = options with { Workers = w };
        int classes = 20;

        using var model = FgCrossNetModel.Create((ResNetDepth)depth, classes, crop);
        using var centers = new CenterLoss(classes, classes);
        // The paper's stage 1, as the config's defaults give it.
        var (stage, optimizerConfig) = (new StageConfig(), new OptimizerConfig());
        var (optimizer, _) = StageOptimizer.Create(model, centers, optimizerConfig, optimizerConfig.Lr * stage.LrScale);
        using var disposeOptimizer = optimizer;
        var step = new TrainingStep(model, centers, optimizer, StageLossWeights.From(stage));
        model.train();

        using var loader = new CrossMediaLoader(datasets, options);
        CrossMediaBatch premade;
        using (var first = new CrossMediaLoader(datasets, options with { Workers = 0 })) premade = first.Load(first.Sampler.Epoch(0)[0]);
        using var premadeOwner = premade;
        var compute = new List<double>();
        for (int i = 0; i < steps + 2; i++)
        {
            var t = Stopwatch.StartNew();
            step.Run(premade);
            if (i >= 2) compute.Add(t.Elapsed.TotalSeconds);
        }

        var full = new List<double>();
        int n = 0;
        var clock = Stopwatch.StartNew();
        foreach (var batch in loader.Epoch(1))
        {
            using (batch) step.Run(batch);
            if (n >= 2) full.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            n++;
        }
        int rows = 4 * perMedium;
        double computeRate = rows / Statistics.Median(compute), fullRate = rows / Statistics.Median(full);
        var result = new TrainingBenchmarkCase(depth, crop, rows, steps, get_num_threads(), options.Workers, computeRate, fullRate, fullRate / computeRate);
        log?.Invoke($"ResNet-{depth} at {crop} px, {rows} rows/step: compute alone {computeRate:F1} items/s, with loading {fullRate:F1} items/s, ratio {result.Ratio:F2}");
        return result;
    }

}
