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
        return new Command("bench", "Benchmarks of the hot paths.") { map };
    }
}
