using MathNet.Numerics.Statistics;

namespace FgCrossNet.Core.Statistics;

/// <summary>A two-sided confidence interval [Low, High] at <see cref="Level"/> (e.g. 0.95).</summary>
public readonly record struct ConfidenceInterval(double Low, double High, double Level);

/// <summary>
/// Percentile bootstrap confidence interval of a mean over queries: the queries are resampled with replacement
/// <c>resamples</c> times, the mean is taken on each resample, and the interval is the (1-level)/2 and (1+level)/2
/// quantiles of those means. Deterministic for a given seed.
/// </summary>
public static class BootstrapConfidenceInterval
{
    public const int DefaultResamples = 1000;

    public static ConfidenceInterval OfMean(ReadOnlySpan<double> values, int resamples = DefaultResamples, double level = 0.95, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), "The level must be between 0 and 1.");
        if (values.IsEmpty) return new ConfidenceInterval(0, 0, level);
        var means = ResampledMeans(values, resamples, seed);
        return new ConfidenceInterval(
            ArrayStatistics.QuantileInplace(means, (1 - level) / 2),
            ArrayStatistics.QuantileInplace(means, (1 + level) / 2),
            level);
    }

    /// <summary>The means of <paramref name="resamples"/> bootstrap resamples (with replacement) of <paramref name="values"/>.</summary>
    public static double[] ResampledMeans(ReadOnlySpan<double> values, int resamples, int seed)
    {
        var rng = new Random(seed);
        var means = new double[resamples];
        int n = values.Length;
        for (int b = 0; b < resamples; b++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += values[rng.Next(n)];
            means[b] = sum / n;
        }
        return means;
    }
}
