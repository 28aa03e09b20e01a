namespace FgCrossNet.Core.Tests.Losses;

/// <summary>
/// Plain double loops over all ordered quadruplets, straight from the definition in
/// <see cref="FgCrossNet.Core.Losses.QuadrupletRankingLossBase"/>: the loss, the valid and positive counts, and
/// dLoss/dd (each term ≥ 0, exactly 0 included as its remarks say, adds 2 at (i,j), −1 at (i,k), −1 at (k,l), over
/// P + 1e-16).
/// </summary>
internal static class BruteForceQuadrupletOracle
{
    public sealed record Result(double Loss, long Valid, long Positive, double[,] GradientWrtDistances);

    public static Result Evaluate(double[,] d, long[] y, double m1 = 1.0, double m2 = 0.5)
    {
        var n = y.Length;
        double sum = 0;
        long valid = 0, positive = 0;
        var counts = new double[n, n];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            if (i == j || y[i] != y[j]) continue;
            for (var k = 0; k < n; k++)
            {
                if (y[k] == y[i]) continue;
                for (var l = 0; l < n; l++)
                {
                    if (y[l] == y[i] || y[l] == y[k]) continue;
                    valid++;
                    var term = (d[i, j] - d[i, k] + m1) + (d[i, j] - d[k, l] + m2);
                    if (term < 0) continue;
                    if (term > 1e-16) positive++;
                    sum += term;
                    counts[i, j] += 2;
                    counts[i, k] -= 1;
                    counts[k, l] -= 1;
                }
            }
        }
        var gradient = new double[n, n];
        for (var a = 0; a < n; a++)
        for (var b = 0; b < n; b++)
            gradient[a, b] = counts[a, b] / (positive + 1e-16);
        return new Result(sum / (positive + 1e-16), valid, positive, gradient);
    }

    /// <summary>Euclidean distances between the rows of a row-major [n, dim] array, by direct summation.</summary>
    public static double[,] EuclideanDistances(double[] x, int n, int dim)
    {
        var d = new double[n, n];
        for (var a = 0; a < n; a++)
        for (var b = 0; b < n; b++)
        {
            double s = 0;
            for (var c = 0; c < dim; c++)
            {
                var diff = x[a * dim + c] - x[b * dim + c];
                s += diff * diff;
            }
            d[a, b] = Math.Sqrt(s);
        }
        return d;
    }

    public static double[] Flatten(double[,] m)
    {
        var rows = m.GetLength(0);
        var columns = m.GetLength(1);
        var flat = new double[rows * columns];
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < columns; c++)
            flat[r * columns + c] = m[r, c];
        return flat;
    }
}
