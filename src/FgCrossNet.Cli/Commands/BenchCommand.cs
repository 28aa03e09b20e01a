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
            if (parse.GetValue(json) is { } file)
                AtomicFile.WriteAllText(file.FullName, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }) + "\n");
            return 0;
        }));
        return new Command("bench", "Benchmarks of the hot paths.") { map, DataLoading(), Training() };
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
            if (parse.GetValue(json) is { } file)
                AtomicFile.WriteAllText(file.FullName, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }) + "\n");
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
            if (parse.GetValue(json) is { } file)
                AtomicFile.WriteAllText(file.FullName, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }) + "\n");
            return 0;
        }));
        return command;
    }
}
