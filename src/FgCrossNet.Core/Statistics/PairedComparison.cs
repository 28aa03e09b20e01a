using MathNet.Numerics.Statistics;

namespace FgCrossNet.Core.Statistics;

/// <summary>
/// The result of comparing two result sets on the same queries: mean difference (A - B), its bootstrap confidence
/// interval, and two-sided p-values of the null hypothesis "no difference in mean".
/// </summary>
/// <param name="MeanDifference">mean(A) - mean(B) over the queries.</param>
/// <param name="DifferenceInterval">Paired percentile-bootstrap interval of the mean difference.</param>
/// <param name="BootstrapPValue">Paired bootstrap p-value: the bootstrap distribution of the mean difference, shifted to mean 0, is compared with the observed |difference|; (1 + count) / (1 + resamples).</param>
/// <param name="Queries">Number of paired queries.</param>
/// <param name="PermutationPValue">Paired sign-flip permutation p-value: each query's difference is negated with probability 1/2; (1 + count of |mean| &gt;= |observed|) / (1 + permutations).</param>
public sealed record PairedComparisonResult(
    double MeanDifference, ConfidenceInterval DifferenceInterval, double BootstrapPValue, double PermutationPValue, int Queries);

/// <summary>Paired significance tests between two per-query metric vectors of the same queries in the same order.</summary>
public static class PairedComparison
{
    /// <summary>The paired tests of one set of queries: <see cref="CompareStratified"/> with a single stratum.</summary>
    public static PairedComparisonResult Compare(
        ReadOnlySpan<double> a, ReadOnlySpan<double> b, int resamples = BootstrapConfidenceInterval.DefaultResamples,
        double level = 0.95, int seed = 0) =>
        CompareStratified([(a.ToArray(), b.ToArray())], resamples, level, seed);

    /// <summary>
    /// Paired bootstrap test of a statistic that averages several tasks with their own queries, such as the mean MAP of
    /// the 12 bi-modal tasks: T = mean over strata s of mean_i (a_si − b_si). Each resample draws the queries of every
    /// stratum with replacement, independently (stratum s with seed <paramref name="seed"/> + s, so that one stratum gives
    /// exactly <see cref="Compare"/>'s bootstrap figures); the p-value is (1 + #{|T* − T| ≥ |T|}) / (1 + resamples) and
    /// the interval the percentile interval of T*. <see cref="PairedComparisonResult.PermutationPValue"/> is the sign-flip
    /// test of the same statistic (each query's difference negated with probability 1/2).
    /// </summary>
    public static PairedComparisonResult CompareStratified(
        IReadOnlyList<(double[] A, double[] B)> strata, int resamples = BootstrapConfidenceInterval.DefaultResamples,
        double level = 0.95, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(strata);
        var diffs = new List<double[]>(strata.Count);
        foreach (var (a, b) in strata)
        {
            if (a.Length != b.Length)
                throw new ArgumentException($"Paired comparison needs the same queries: {a.Length} values against {b.Length}.");
            if (a.Length == 0) continue;
            var d = new double[a.Length];
            for (int i = 0; i < d.Length; i++) d[i] = a[i] - b[i];
            diffs.Add(d);
        }
        int queries = diffs.Sum(d => d.Length);
        if (diffs.Count == 0) return new PairedComparisonResult(0, new ConfidenceInterval(0, 0, level), 1, 1, 0);

        double observed = diffs.Average(d => d.Average());
        var statistics = new double[resamples];
        for (int s = 0; s < diffs.Count; s++)
        {
            var means = BootstrapConfidenceInterval.ResampledMeans(diffs[s], resamples, seed + s);
            for (int r = 0; r < resamples; r++) statistics[r] += means[r] / diffs.Count;
        }
        int extreme = statistics.Count(t => Math.Abs(t - observed) >= Math.Abs(observed) - Tolerance(observed));
        var interval = new ConfidenceInterval(
            ArrayStatistics.QuantileInplace(statistics, (1 - level) / 2),
            ArrayStatistics.QuantileInplace(statistics, (1 + level) / 2), level);

        var rng = new Random(seed + 1);
        int permExtreme = 0;
        for (int p = 0; p < resamples; p++)
        {
            double t = 0;
            foreach (var d in diffs)
            {
                double sum = 0;
                for (int i = 0; i < d.Length; i++) sum += rng.Next(2) == 0 ? d[i] : -d[i];
                t += sum / d.Length / diffs.Count;
            }
            if (Math.Abs(t) >= Math.Abs(observed) - Tolerance(observed)) permExtreme++;
        }
        return new PairedComparisonResult(observed, interval, Math.Min(1, (1.0 + extreme) / (1.0 + resamples)),
            Math.Min(1, (1.0 + permExtreme) / (1.0 + resamples)), queries);
    }

    // Sums of the same values in another order differ in the last bits; without this a tie with the observed value
    // (e.g. all differences zero) would count as "less extreme".
    private static double Tolerance(double observed) => 1e-12 * Math.Max(1, Math.Abs(observed));
}
