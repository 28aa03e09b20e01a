using System.Diagnostics;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core;
using FgCrossNet.Evaluation;
using FgCrossNet.Synthetic;
using MathNet.Numerics.Statistics;

namespace FgCrossNet.Benchmarks;

/// <summary>Measured figures of one <see cref="MapBenchmark"/> run (seconds are wall-clock).</summary>
public sealed record MapBenchmarkResult(
    int Items, int Dimension, int Threads, int Repeats,
    double MedianSeconds, double MinSeconds, double MedianRankingSeconds, double MedianScoringSeconds,
    int BaselineQueries, double BaselineSecondsExtrapolated, double SpeedupOverBaseline);

/// <summary>
/// Times the evaluation of all 16 paper scores (plus the extra metrics, without bootstrap) at FG-XMedia test size on
/// synthetic softmax features, and, in the same run, a straightforward baseline (per query: distances to each gallery,
/// a full sort, a walk down the ranking) on a sample of queries, extrapolated to all queries. Compare the ratio, not
/// the seconds: the machine is shared.
/// </summary>
public static class MapBenchmark
{
    public static MapBenchmarkResult Run(int repeats = 5, int? threads = null, int baselineQueries = 400, int seed = 0, Action<string>? log = null)
    {
        int workers = threads ?? Environment.ProcessorCount;
        var media = SyntheticFeatureSet.Generate(SyntheticFeatureSet.FgXMediaTestCounts, 200, seed);
        int items = media.Sum(m => m.Count);
        log?.Invoke($"{items} items ({string.Join(", ", media.Select(m => $"{m.Medium.FolderName()} {m.Count}"))}), 200-d, {workers} thread(s)");

        var total = new List<double>();
        var ranking = new List<double>();
        var scoring = new List<double>();
        for (int r = -1; r < repeats; r++) // r = -1 warms up the JIT and the caches
        {
            var sw = Stopwatch.StartNew();
            var rankings = EvaluationProtocol.Paper.Rank(media, workers);
            double t1 = sw.Elapsed.TotalSeconds;
            var card = EvaluationProtocol.Paper.Score(rankings);
            double t2 = sw.Elapsed.TotalSeconds;
            if (r < 0) continue;
            ranking.Add(t1);
            scoring.Add(t2 - t1);
            total.Add(t2);
            log?.Invoke($"run {r + 1}/{repeats}: {t2:F3} s (ranking {t1:F3} s, scores {t2 - t1:F3} s); bimodal avg {card.BimodalAverage:F4}, multimodal avg {card.MultimodalAverage:F4}");
        }

        double baseline = BaselineSeconds(media, baselineQueries, workers, seed) ;
        double median = Statistics.Median(total);
        log?.Invoke($"baseline (full sort per query and gallery): {baseline:F1} s extrapolated from {baselineQueries} queries");
        return new MapBenchmarkResult(items, 200, workers, repeats, median, total.Min(), Statistics.Median(ranking), Statistics.Median(scoring),
            baselineQueries, baseline, baseline / median);
    }

    /// <summary>Straightforward evaluation of a sample of queries, scaled to all queries.</summary>
    private static double BaselineSeconds(IReadOnlyList<MediumFeatures> media, int sampleSize, int workers, int seed)
    {
        var stacked = media.SelectMany(m => Enumerable.Range(0, m.Count).Select(i => m.Features.Row(i).ToArray())).ToArray();
        var labels = media.SelectMany(m => m.Labels).ToArray();
        var starts = new List<int> { 0 };
        foreach (var m in media) starts.Add(starts[^1] + m.Count);
        var rng = new Random(seed);
        var sample = Enumerable.Range(0, sampleSize).Select(_ => rng.Next(stacked.Length)).ToArray();
        var sw = Stopwatch.StartNew();
        Parallel.ForEach(sample, new ParallelOptions { MaxDegreeOfParallelism = workers }, q =>
        {
            // Each of the five galleries (four media and all) is ranked on its own, as a per-pair evaluation does.
            for (int g = 0; g <= media.Count; g++)
            {
                int from = g < media.Count ? starts[g] : 0, to = g < media.Count ? starts[g + 1] : stacked.Length;
                var dist = new double[to - from];
                var order = new int[to - from];
                for (int i = from; i < to; i++)
                {
                    dist[i - from] = CosineDistance(stacked[q], stacked[i]);
                    order[i - from] = i - from;
                }
                Array.Sort(dist, order);
                double hits = 0, sum = 0;
                for (int p = 0; p < order.Length; p++)
                    if (labels[from + order[p]] == labels[q]) sum += ++hits / (p + 1);
                GC.KeepAlive(sum);
            }
        });
        return sw.Elapsed.TotalSeconds * stacked.Length / sampleSize;
    }

    private static double CosineDistance(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return 1 - dot / Math.Sqrt(na * nb);
    }

}
