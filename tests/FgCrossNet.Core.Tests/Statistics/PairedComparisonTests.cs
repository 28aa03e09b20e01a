using FgCrossNet.Core.Statistics;

namespace FgCrossNet.Core.Tests.Statistics;

public class PairedComparisonTests
{
    private static readonly double[] A = [0.9, 0.4, 0.7, 0.65, 0.3, 0.8, 0.55, 0.6, 0.2, 0.75];
    private static readonly double[] B = [0.5, 0.5, 0.6, 0.30, 0.4, 0.5, 0.45, 0.7, 0.1, 0.35];

    /// <summary>The exact sign-flip p-value: the share of all 2^n sign patterns whose |mean| is at least the observed |mean|.</summary>
    private static double ExactSignFlipP(IReadOnlyList<double[]> strataDiffs)
    {
        var all = strataDiffs.SelectMany((d, s) => d.Select(v => (s, v))).ToArray();
        double Statistic(Func<int, double> sign) =>
            strataDiffs.Select((d, s) => all.Select((x, i) => (x, i)).Where(p => p.x.s == s).Sum(p => sign(p.i) * p.x.v) / d.Length).Average();
        double observed = Math.Abs(Statistic(_ => 1));
        int extreme = 0, total = 1 << all.Length;
        for (int mask = 0; mask < total; mask++)
            if (Math.Abs(Statistic(i => (mask >> i & 1) == 1 ? -1 : 1)) >= observed - 1e-12) extreme++;
        return (double)extreme / total;
    }

    private static double[] Diff(double[] a, double[] b) => a.Zip(b, (x, y) => x - y).ToArray();

    [Fact]
    public void The_mean_difference_is_exact_and_the_permutation_p_value_approaches_the_exact_sign_flip_test()
    {
        var result = PairedComparison.Compare(A, B, resamples: 20000, seed: 3);
        Assert.Equal(Diff(A, B).Average(), result.MeanDifference, 12);
        Assert.Equal(10, result.Queries);
        double exact = ExactSignFlipP([Diff(A, B)]);
        // Monte-Carlo standard error at 20,000 permutations is below 0.004 for any p.
        Assert.InRange(result.PermutationPValue, exact - 0.015, exact + 0.015);
        Assert.InRange(result.DifferenceInterval.Low, -1, result.MeanDifference);
        Assert.InRange(result.DifferenceInterval.High, result.MeanDifference, 1);
    }

    [Fact]
    public void No_difference_gives_p_one_and_a_constant_large_difference_the_smallest_p()
    {
        var same = PairedComparison.Compare(A, A, resamples: 500);
        Assert.Equal((1.0, 1.0, 0.0), (same.BootstrapPValue, same.PermutationPValue, same.MeanDifference));

        var shifted = A.Select(v => v + 1).ToArray();
        var large = PairedComparison.Compare(shifted, A, resamples: 500);
        Assert.Equal(1.0, large.MeanDifference, 12);
        Assert.Equal(1.0 / 501, large.BootstrapPValue, 12);
        // Only the all-plus and all-minus patterns reach |mean| = 1: p = 2/1024 exactly, which 500 permutations resolve as 1/501 or slightly above.
        Assert.InRange(large.PermutationPValue, 1.0 / 501, 6.0 / 501);
    }

    [Fact]
    public void One_set_of_queries_gives_the_percentile_interval_and_the_shifted_bootstrap_p_value_of_its_differences()
    {
        var result = PairedComparison.Compare(A, B, resamples: 700, seed: 5);
        var diff = Diff(A, B);
        // Restated from the definitions: the same resampled means, the percentile interval, (1 + #{|m - d| >= |d|}) / (1 + R).
        var means = BootstrapConfidenceInterval.ResampledMeans(diff, 700, 5);
        double observed = diff.Average();
        double p = (1.0 + means.Count(m => Math.Abs(m - observed) >= Math.Abs(observed) - 1e-12)) / 701;
        var interval = BootstrapConfidenceInterval.OfMean(diff, 700, 0.95, 5);
        Assert.Equal(p, result.BootstrapPValue, 12);
        Assert.Equal(interval.Low, result.DifferenceInterval.Low, 12);
        Assert.Equal(interval.High, result.DifferenceInterval.High, 12);
    }

    [Fact]
    public void Strata_average_their_own_means_and_the_permutation_test_matches_exact_enumeration()
    {
        double[] a2 = [0.2, 0.9, 0.4, 0.8], b2 = [0.1, 0.3, 0.5, 0.2];
        var strata = new[] { (A[..6], B[..6]), (a2, b2) };
        var result = PairedComparison.CompareStratified(strata, resamples: 20000, seed: 1);
        // The mean of the two strata's mean differences, not the mean over all 10 queries.
        double expected = (Diff(A[..6], B[..6]).Average() + Diff(a2, b2).Average()) / 2;
        Assert.Equal(expected, result.MeanDifference, 12);
        Assert.NotEqual(Diff([.. A[..6], .. a2], [.. B[..6], .. b2]).Average(), result.MeanDifference, 6);
        Assert.Equal(10, result.Queries);
        double exact = ExactSignFlipP([Diff(A[..6], B[..6]), Diff(a2, b2)]);
        Assert.InRange(result.PermutationPValue, exact - 0.015, exact + 0.015);
    }

    [Fact]
    public void The_stratified_bootstrap_interval_has_the_plug_in_standard_error()
    {
        // Var(T*) = sum_s var_s / (n_s S^2), var_s the plug-in (1/n) variance of stratum s's differences.
        var rng = new Random(11);
        var strata = Enumerable.Range(0, 3).Select(s =>
        {
            int n = 200 + 100 * s;
            var a = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
            var b = a.Select(v => v - 0.05 + 0.3 * (rng.NextDouble() - 0.5) * (s + 1)).ToArray();
            return (a, b);
        }).ToArray();
        double variance = strata.Sum(st =>
        {
            var d = Diff(st.a, st.b);
            double mean = d.Average();
            return d.Sum(v => (v - mean) * (v - mean)) / d.Length / d.Length / 9.0;
        });
        var result = PairedComparison.CompareStratified(strata, resamples: 4000, level: 0.95, seed: 2);
        double width = result.DifferenceInterval.High - result.DifferenceInterval.Low;
        Assert.InRange(width, 0.9 * 2 * 1.96 * Math.Sqrt(variance), 1.1 * 2 * 1.96 * Math.Sqrt(variance));
        Assert.True(result.BootstrapPValue < 0.01, $"a 0.05 shift with this spread should be significant (p = {result.BootstrapPValue})");
    }

    [Fact]
    public void Unpaired_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PairedComparison.Compare([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => PairedComparison.CompareStratified([([1.0], [1.0, 2.0])]));
    }
}
