using System.CommandLine;
using System.Text.Json;
using FgCrossNet.Benchmarks;
using FgCrossNet.IO;

namespace FgCrossNet.Cli.Commands;

/// <summary><c>fgcrossnet bench</c>: benchmarks of the hot paths. Figures are wall-clock on this machine; compare ratios.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var repeats = new Option<int>("--repeat") { Description = "Timed repetitions (after one warm-up).", DefaultValueFactory = _ => 5 };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores)." };
        var baseline = new Option<int>("--baseline-queries") { Description = "Queries timed for the straightforward baseline.", DefaultValueFactory = _ => 400 };
        var json = new Option<FileInfo?>("--json") { Description = "Write the figures to this JSON file." };
        var map = new Command("map", "All 16 MAP scores at FG-XMedia test size (21,476 items, 200-d), against a straightforward baseline.")
        {
            repeats, threads, baseline, json,
        };
        map.SetAction(parse => CommandRunner.Run(() =>
        {
            var result = MapBenchmark.Run(parse.GetValue(repeats), parse.GetValue(threads), parse.GetValue(baseline), log: Console.WriteLine);
            Console.WriteLine($"16 scores: median {result.MedianSeconds:F3} s, min {result.MinSeconds:F3} s over {result.Repeats} runs " +
                              $"(ranking {result.MedianRankingSeconds:F3} s, scoring {result.MedianScoringSeconds:F3} s); " +
                              $"baseline {result.BaselineSecondsExtrapolated:F1} s; speed-up x{result.SpeedupOverBaseline:F0}");
            WriteJson(parse.GetValue(json), result);
            return 0;
        }));
        return new Command("bench", "Benchmarks of the hot paths.") { map, DataLoading(), Training(), Inference() };
    }

    /// <summary><c>bench data</c>: is a training step slowed down by data loading? See <see cref="DataLoadingBenchmark"/>.</summary>
    private static Command DataLoading()
    {
        var json = new Option<FileInfo?>("--json") { Description = "Write the figures to this JSON file." };
        var root = new Option<DirectoryInfo?>("--root") { Description = "Dataset root to read (default: a generated one with photo-sized images)." };
        var steps = new Option<int>("--steps") { Description = "Timed steps per measurement.", DefaultValueFactory = _ => 20 };
        var perMedium = new Option<int>("--batch") { Description = "Items of each medium per step (B).", DefaultValueFactory = _ => 4 };
        var scale = new Option<int>("--scale") { Description = "Resize side in pixels.", DefaultValueFactory = _ => 128 };
        var crop = new Option<int>("--crop") { Description = "Crop side in pixels.", DefaultValueFactory = _ => 112 };
        var workers = new Option<int?>("--workers") { Description = "Loader worker tasks (default: cores - 1, at least 1)." };
        var noCache = new Option<bool>("--no-cache") { Description = "Decode every item in (c) instead of caching resized images (first-epoch conditions)." };
        var data = new Command("data", "Training step time with and without data loading (ResNet-18, 4 media); reports the ratio.")
        {
            root, steps, perMedium, scale, crop, workers, noCache, json,
        };
        data.SetAction(parse => CommandRunner.Run(() =>
        {
            var result = DataLoadingBenchmark.Run(parse.GetValue(root)?.FullName, parse.GetValue(steps), parse.GetValue(perMedium),
                parse.GetValue(scale), parse.GetValue(crop), parse.GetValue(workers), cache: !parse.GetValue(noCache), log: Console.WriteLine);
            WriteJson(parse.GetValue(json), result);
            return 0;
        }));
        return data;
    }

    /// <summary><c>bench train</c>: FGCrossNet training steps, compute alone and with data loading. See <see cref="TrainingBenchmark"/>.</summary>
    private static Command Training()
    {
        var json = new Option<FileInfo?>("--json") { Description = "Write the figures to this JSON file." };
        var root = new Option<DirectoryInfo?>("--root") { Description = "Dataset root to read (default: a small generated one)." };
        var steps = new Option<int>("--steps") { Description = "Timed steps per measurement.", DefaultValueFactory = _ => 10 };
        var workers = new Option<int?>("--workers") { Description = "Loader worker tasks (default: cores - 1, at least 1)." };
        var command = new Command("train", "Training items/s at ResNet-18/112 (16 rows) and ResNet-50/224 (8 rows): compute alone and with data loading.")
        {
            root, steps, workers, json,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var result = TrainingBenchmark.Run(parse.GetValue(root)?.FullName, parse.GetValue(steps), workers: parse.GetValue(workers), log: Console.WriteLine);
            WriteJson(parse.GetValue(json), result);
            return 0;
        }));
        return command;
    }

    /// <summary><c>bench inference</c>: ML.NET, batched ONNX Runtime and TorchSharp eval img/s on the same images. See <see cref="InferenceBenchmark"/>.</summary>
    private static Command Inference()
    {
        var json = new Option<FileInfo?>("--json") { Description = "Write the figures to this JSON file." };
        var depth = new Option<int>("--depth") { Description = "ResNet depth: 18, 34, 50, 101 or 152.", DefaultValueFactory = _ => 18 };
        var size = new Option<int>("--size") { Description = "Input side in pixels (the crop).", DefaultValueFactory = _ => 224 };
        var images = new Option<int>("--images") { Description = "Images per timed run.", DefaultValueFactory = _ => 64 };
        var batch = new Option<int>("--batch") { Description = "Images per batch (batched ONNX Runtime and TorchSharp).", DefaultValueFactory = _ => 16 };
        var command = new Command("inference", "Feature extraction img/s: ML.NET pipeline, batched ONNX Runtime, TorchSharp eval forward (same images, same network).")
        {
            depth, size, images, batch, json,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            if (!FgCrossNet.Model.ResNetDepths.TryParse(parse.GetValue(depth).ToString(System.Globalization.CultureInfo.InvariantCulture), out var d))
                throw new ArgumentException($"--depth: {parse.GetValue(depth)} is not 18, 34, 50, 101 or 152");
            var r = InferenceBenchmark.Run(d, parse.GetValue(size), parse.GetValue(images), parse.GetValue(batch), Console.WriteLine);
            Console.WriteLine($"ResNet-{r.Depth} at {r.InputSize} px, {r.Images} JPEGs, batch {r.Batch}, {r.Threads} threads (end to end: decode, resize, crop, forward):");
            Console.WriteLine($"  ML.NET pipeline      {r.MlNetImagesPerSecond,8:F1} img/s  x{r.MlNetOverTorchSharp:F2} TorchSharp");
            Console.WriteLine($"  batched ONNX Runtime {r.BatchedOrtImagesPerSecond,8:F1} img/s  x{r.BatchedOrtOverTorchSharp:F2} TorchSharp");
            Console.WriteLine($"  TorchSharp eval      {r.TorchSharpImagesPerSecond,8:F1} img/s");
            Console.WriteLine($"forward only: ONNX Runtime {r.OrtForwardImagesPerSecond:F1} img/s, TorchSharp {r.TorchSharpForwardImagesPerSecond:F1} img/s (x{r.ForwardOrtOverTorchSharp:F2})");
            Console.WriteLine($"max |feature difference| between the paths: {r.MaxFeatureDifference:E2}");
            WriteJson(parse.GetValue(json), r);
            return 0;
        }));
        return command;
    }

    /// <summary>Writes a benchmark's figures as indented JSON to <paramref name="file"/> (atomically), when one is given.</summary>
    private static void WriteJson<T>(FileInfo? file, T figures)
    {
        if (file is not null)
            AtomicFile.WriteAllText(file.FullName, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
