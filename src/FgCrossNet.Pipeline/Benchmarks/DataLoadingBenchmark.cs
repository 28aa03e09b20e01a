using System.Diagnostics;
using FgCrossNet.Core.Losses;
using FgCrossNet.Core;
using FgCrossNet.Data.Loading;
using FgCrossNet.Model;
using FgCrossNet.Synthetic;
using FgCrossNet.Training;
using MathNet.Numerics.Statistics;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Benchmarks;

/// <summary>Measured figures of one <see cref="DataLoadingBenchmark"/> run (wall-clock seconds per training step).</summary>
/// <param name="Root">The dataset root read.</param>
/// <param name="GeneratedRoot">Whether the root was generated for the run (photo-sized JPEGs, 700x700 PNG spectrograms).</param>
/// <param name="PerMedium">B: items of each medium per step (4B rows through the network).</param>
/// <param name="Scale">Resize side in pixels.</param>
/// <param name="Crop">Crop side in pixels (network input).</param>
/// <param name="Workers">Background loader workers.</param>
/// <param name="TorchThreads">TorchSharp's intra-op threads.</param>
/// <param name="Steps">Timed steps per measurement (after warm-up).</param>
/// <param name="Cached">Whether (c) ran with resized images cached in memory (epochs after the first).</param>
/// <param name="ComputeSecondsPerStep">(a) forward + backward + SGD step on pre-made tensors (median step).</param>
/// <param name="SynchronousLoadingSecondsPerStep">One batch decoded and prepared on the calling thread.</param>
/// <param name="LoadingSecondsPerStep">(b) one batch from the prefetching loader, decoding every item, nothing else running.</param>
/// <param name="CachedLoadingSecondsPerStep">(b) with the resize cache filled (null without cache).</param>
/// <param name="FullSecondsPerStep">(c) training steps fed by the prefetching loader (median step, including the wait for the batch).</param>
/// <param name="Ratio">(c) / (a): 1 means loading is fully hidden; the goal is at most 1.10.</param>
/// <param name="ComputeCpuSecondsPerStep">Process CPU seconds per step of (a) (all threads).</param>
/// <param name="FullCpuSecondsPerStep">Process CPU seconds per step of (c), loader workers included.</param>
/// <param name="CpuRatio">(c) / (a) in CPU seconds: what loading adds, insensitive to other processes on a shared machine.</param>
public sealed record DataLoadingBenchmarkResult(
    string Root, bool GeneratedRoot, int PerMedium, int Scale, int Crop, int Workers, int TorchThreads, int Steps, bool Cached,
    double ComputeSecondsPerStep, double SynchronousLoadingSecondsPerStep, double LoadingSecondsPerStep, double? CachedLoadingSecondsPerStep,
    double FullSecondsPerStep, double Ratio, double ComputeCpuSecondsPerStep, double FullCpuSecondsPerStep, double CpuRatio);

/// <summary>
/// Does data loading slow training down? Times (a) the network's own work on pre-made tensors, (b) the loader alone,
/// and (c) training fed by the prefetching loader, and reports (c)/(a). The work is FGCrossNet's own training step
/// (<see cref="TrainingStep"/>: <see cref="FgCrossNetModel"/> ResNet-18 over 4B rows, B per medium; per-medium
/// cross-entropy and center loss over 200 classes; SGD with momentum), as stage 1 trains.
/// </summary>
public static class DataLoadingBenchmark
{
    /// <param name="root">Dataset root to read; null generates one (and deletes it afterwards).</param>
    /// <param name="steps">Timed steps of (a) and of (c), split over <paramref name="rounds"/> alternating rounds.</param>
    /// <param name="perMedium">B.</param>
    /// <param name="scale">Resize side, pixels.</param>
    /// <param name="crop">Crop side, pixels (also the text length, as the reference's text front-end needs).</param>
    /// <param name="workers">Loader workers (default: the loader's default).</param>
    /// <param name="cache">Keep resized images in memory (<see cref="ResizedImageCache"/>), so (c) measures later epochs;
    /// without it every step decodes.</param>
    /// <param name="rounds">Alternations of (a) and (c).</param>
    /// <param name="seed">Seed of the data order and augmentation.</param>
    /// <param name="log">Progress lines.</param>
    public static DataLoadingBenchmarkResult Run(string? root = null, int steps = 20, int perMedium = 4, int scale = 128, int crop = 112,
        int? workers = null, bool cache = true, int rounds = 4, int seed = 0, Action<string>? log = null)
    {
        if (steps <= 0) throw new ArgumentException($"steps must be positive, got {steps}");
        if (rounds <= 0 || rounds > steps) throw new ArgumentException($"rounds must be in [1, steps], got {rounds}");
        bool generated = root is null;
        root ??= GenerateRoot(perMedium, steps, seed, log);
        try
        {
            var image = new ImagePreprocessOptions { Scale = scale, Crop = crop, Augmentation = ImageAugmentation.RandomCropAndFlip };
            var text = new TextEncodingOptions { Length = crop, RandomLeftPadding = true };
            var datasets = CrossMediaDatasets.Open(root, "train", image, text);
            var options = new CrossMediaLoaderOptions { PerMedium = perMedium, Seed = seed, StepsPerEpoch = steps + 2 };
            if (workers is { } w) options = options with { Workers = w };
            int torchThreads = torch.get_num_threads();
            log?.Invoke($"root {root}; B = {perMedium} per medium ({4 * perMedium} rows), {scale} -> {crop} px, " +
                        $"{options.Workers} loader worker(s), {torchThreads} torch thread(s), {steps} timed steps, cache {(cache ? "on" : "off")}");

            // Loading as in a first epoch (every item decoded), alone.
            double synchronous, loading;
            using (var loader = SynchronousLoader(datasets, options)) synchronous = TimeLoading(loader, steps, epoch: 1);
            log?.Invoke($"    loading, decoding, synchronous: {synchronous * 1000,8:F1} ms/batch");
            using (var loader = new CrossMediaLoader(datasets, options)) loading = TimeLoading(loader, steps, epoch: 2);
            log?.Invoke($"(b) loading, decoding, prefetching: {loading * 1000,8:F1} ms/batch ({1 / loading:F1} batches/s)");

            double? cachedLoading = null;
            if (cache)
            {
                foreach (var medium in datasets.ImageLikeMedia)
                {
                    var dataset = (ImageListDataset)datasets.ImageLike(medium);
                    dataset.Cache = new ResizedImageCache(long.MaxValue);
                    var buffer = new float[dataset.ItemLength];
                    var random = new Random(seed);
                    for (int i = 0; i < dataset.Count; i++) dataset.Prepare(i, random, buffer); // a first epoch fills the cache
                }
                using var loader = new CrossMediaLoader(datasets, options);
                cachedLoading = TimeLoading(loader, steps, epoch: 2);
                log?.Invoke($"(b) loading, cached, prefetching:   {cachedLoading.Value * 1000,8:F1} ms/batch ({1 / cachedLoading.Value:F1} batches/s)");
            }

            const int classes = 200;
            using var model = FgCrossNetModel.Create(ResNetDepth.ResNet18, classes, textLength: crop);
            using var centers = new CenterLoss(classes, classes);
            // The paper's stage 1, as the config's defaults give it.
            var (stage, optimizerConfig) = (new StageConfig(), new OptimizerConfig());
            var (optimizer, _) = StageOptimizer.Create(model, centers, optimizerConfig, optimizerConfig.Lr * stage.LrScale);
            using var disposeOptimizer = optimizer;
            var trainingStep = new TrainingStep(model, centers, optimizer, StageLossWeights.From(stage));
            void TrainStep(CrossMediaBatch batch) => trainingStep.Run(batch);

            // The machine is shared, so (a) and (c) alternate in rounds and per-step medians are compared: a change in
            // background load then hits both alike instead of whichever ran at the time.
            var computeSteps = new List<double>();
            var fullSteps = new List<double>();
            double computeCpu = 0, fullCpu = 0; // CPU seconds of this process: what the loader adds, whatever else runs
            CrossMediaBatch premade;
            using (var first = SynchronousLoader(datasets, options)) premade = first.Load(first.Sampler.Epoch(0)[0]);
            using var premadeOwner = premade;
            for (int i = 0; i < 2; i++) TrainStep(premade);
            int perRound = Math.Max(1, steps / rounds);
            for (int round = 0; round < rounds; round++)
            {
                // (a) compute alone, on tensors made once.
                var cpu = ProcessCpuSeconds();
                for (int i = 0; i < perRound; i++) computeSteps.Add(Time(() => TrainStep(premade)));
                computeCpu += ProcessCpuSeconds() - cpu;

                // (c) training fed by a fresh prefetching loader; its first two steps fill the pipeline and are not timed.
                using var loader = new CrossMediaLoader(datasets, options);
                using var batches = loader.Epoch(3 + round).GetEnumerator();
                for (int i = 0; i < perRound + 2; i++)
                {
                    if (i == 2) cpu = ProcessCpuSeconds();
                    var sw = Stopwatch.StartNew();
                    if (!batches.MoveNext()) throw new InvalidOperationException("the benchmark epoch ran out of steps");
                    using (var batch = batches.Current) TrainStep(batch);
                    if (i >= 2) fullSteps.Add(sw.Elapsed.TotalSeconds);
                }
                fullCpu += ProcessCpuSeconds() - cpu;
                log?.Invoke($"round {round + 1}/{rounds}: (a) {computeSteps.TakeLast(perRound).Average() * 1000:F0} ms/step, (c) {fullSteps.TakeLast(perRound).Average() * 1000:F0} ms/step");
            }
            double compute = Statistics.Median(computeSteps), full = Statistics.Median(fullSteps);
            double ratio = full / compute;
            log?.Invoke($"(a) compute alone:          {compute * 1000,8:F1} ms/step (median of {computeSteps.Count})");
            log?.Invoke($"(c) training with loading:  {full * 1000,8:F1} ms/step (median of {fullSteps.Count})");
            double cpuRatio = fullCpu / fullSteps.Count / (computeCpu / computeSteps.Count);
            log?.Invoke($"ratio (c)/(a) = {ratio:F3} (goal <= 1.10); CPU time per step {computeCpu / computeSteps.Count:F2} s -> {fullCpu / fullSteps.Count:F2} s, ratio {cpuRatio:F3}");
            return new DataLoadingBenchmarkResult(root, generated, perMedium, scale, crop, options.Workers, torchThreads, steps, cache,
                compute, synchronous, loading, cachedLoading, full, ratio, computeCpu / computeSteps.Count, fullCpu / fullSteps.Count, cpuRatio);
        }
        finally
        {
            if (generated)
            {
                try { Directory.Delete(root, recursive: true); } catch (IOException) { }
            }
        }
    }

    private static CrossMediaLoader SynchronousLoader(CrossMediaDatasets datasets, CrossMediaLoaderOptions options) =>
        new(datasets, options with { Workers = 0 });

    private static double ProcessCpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static double Time(Action action)
    {
        var sw = Stopwatch.StartNew();
        action();
        return sw.Elapsed.TotalSeconds;
    }


    private static double TimeLoading(CrossMediaLoader loader, int steps, int epoch)
    {
        int done = 0;
        Stopwatch? sw = null;
        foreach (var batch in loader.Epoch(epoch))
        {
            batch.Dispose();
            if (++done == 2) sw = Stopwatch.StartNew();
            if (done == steps + 2) break;
        }
        return sw!.Elapsed.TotalSeconds / steps;
    }

    /// <summary>A root with enough items for the run: photo-sized JPEGs (500x375), 700x700 PNG spectrograms, 320x240 frames.</summary>
    private static string GenerateRoot(int perMedium, int steps, int seed, Action<string>? log)
    {
        var root = Path.Combine(Path.GetTempPath(), "fgx-bench-data-" + Guid.NewGuid().ToString("N")[..8]);
        var sw = Stopwatch.StartNew();
        // Each medium cycles through its items, so a few dozen per medium suffice; decoding cost does not depend on reuse
        // (no cache), only the OS file cache helps, as it would on a real machine after the first epoch.
        int perClass = Math.Max(2, (perMedium * (steps + 4) + 7) / 8);
        FixtureRootWriter.Write(root, new FixtureRootWriter.Options
        {
            Classes = 8,
            ImagesPerClass = perClass + 1,
            TextsPerClass = perClass + 1,
            AudioPerClass = perClass + 1,
            VideosPerClass = Math.Max(1, perClass / 4) + 1,
            FramesPerVideo = 5,
            ImageWidth = 500, ImageHeight = 375,
            SpectrogramWidth = 700, SpectrogramHeight = 700,
            FrameWidth = 320, FrameHeight = 240,
            Seed = seed,
        });
        log?.Invoke($"generated a benchmark root in {sw.Elapsed.TotalSeconds:F1} s");
        return root;
    }
}
