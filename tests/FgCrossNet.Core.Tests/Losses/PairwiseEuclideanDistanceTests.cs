using FgCrossNet.Core.Distances;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Core.Tests.Losses;

public class PairwiseEuclideanDistanceTests
{
    private readonly PairwiseEuclideanDistance _distance = new();

    [Fact]
    public void SingleInput_MatchesDirectDoubleLoop()
    {
        using var scope = NewDisposeScope();
        const int n = 7, dim = 5;
        var x = TensorData.Gaussian(n * dim, new Random(11));
        var expected = BruteForceQuadrupletOracle.Flatten(BruteForceQuadrupletOracle.EuclideanDistances(x, n, dim));

        var actual = TensorData.ToDoubles(_distance.Pairwise(TensorData.Matrix(x, n, dim)));

        ArrayAssert.Close(expected, actual, 1e-12, "d");
    }

    [Fact]
    public void SingleInput_Float32_MatchesDirectDoubleLoop()
    {
        using var scope = NewDisposeScope();
        const int n = 9, dim = 4;
        var x = TensorData.Gaussian(n * dim, new Random(12));
        var expected = BruteForceQuadrupletOracle.Flatten(BruteForceQuadrupletOracle.EuclideanDistances(x, n, dim));

        var actual = TensorData.ToDoubles(_distance.Pairwise(TensorData.Matrix(x, n, dim, ScalarType.Float32)));

        // Off-diagonal float32 rounding of ||a||² − 2a·b + ||b||² on unit-scale data; the diagonal is exactly 0.
        ArrayAssert.Close(expected, actual, 1e-5, "d");
        for (var i = 0; i < n; i++)
            Assert.Equal(0.0, actual[i * n + i]);
    }

    [Fact]
    public void TwoInputs_MatchesDirectDoubleLoop()
    {
        using var scope = NewDisposeScope();
        const int n = 4, m = 6, dim = 3;
        var random = new Random(13);
        var a = TensorData.Gaussian(n * dim, random);
        var b = TensorData.Gaussian(m * dim, random);
        var expected = new double[n * m];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < m; j++)
        {
            double s = 0;
            for (var c = 0; c < dim; c++)
                s += (a[i * dim + c] - b[j * dim + c]) * (a[i * dim + c] - b[j * dim + c]);
            expected[i * m + j] = Math.Sqrt(s);
        }

        var d = _distance.Pairwise(TensorData.Matrix(a, n, dim), TensorData.Matrix(b, m, dim));

        Assert.Equal(new long[] { n, m }, d.shape);
        ArrayAssert.Close(expected, TensorData.ToDoubles(d), 1e-12, "d");
    }

    [Fact]
    public void ZeroDistances_AreExactlyZero_WithFiniteGradient()
    {
        using var scope = NewDisposeScope();
        // Rows 0 and 2 are identical; every distance is a small-integer computation, exact in float64.
        var values = new double[] { 1, 2, 4, 6, 1, 2, -2, 6 };
        var x = TensorData.Matrix(values, 4, 2, requiresGrad: true);

        var d = _distance.Pairwise(x);
        d.sum().backward();

        var dist = TensorData.ToDoubles(d);
        Assert.Equal(0.0, dist[0 * 4 + 2]);
        Assert.Equal(0.0, dist[2 * 4 + 0]);
        for (var i = 0; i < 4; i++)
            Assert.Equal(0.0, dist[i * 4 + i]);
        Assert.Equal(5.0, dist[0 * 4 + 1]); // (1,2) to (4,6)
        Assert.Equal(6.0, dist[1 * 4 + 3]); // (4,6) to (-2,6)
        var gradient = TensorData.ToDoubles(x.grad!);
        ArrayAssert.AllFinite(gradient, "grad");

        // d/dx_a Σ_(i,j) d_ij = 2 Σ_(b: d_ab > 0) (x_a − x_b) / d_ab: zero-distance pairs contribute nothing.
        var expected = new double[8];
        for (var a = 0; a < 4; a++)
        for (var b = 0; b < 4; b++)
        {
            var dx = values[a * 2] - values[b * 2];
            var dy = values[a * 2 + 1] - values[b * 2 + 1];
            var dab = Math.Sqrt(dx * dx + dy * dy);
            if (dab == 0) continue;
            expected[a * 2] += 2 * dx / dab;
            expected[a * 2 + 1] += 2 * dy / dab;
        }
        ArrayAssert.Close(expected, gradient, 1e-12, "grad");
    }

    [Fact]
    public void Gradient_MatchesCentralFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        const int n = 5, dim = 3;
        var random = new Random(14);
        var x0 = TensorData.Gaussian(n * dim, random);
        var weights = TensorData.Matrix(TensorData.Gaussian(n * n, random), n, n);
        double F(double[] v)
        {
            using var inner = NewDisposeScope();
            return TensorData.Scalar((_distance.Pairwise(TensorData.Matrix(v, n, dim)) * weights).sum());
        }

        var x = TensorData.Matrix(x0, n, dim, requiresGrad: true);
        (_distance.Pairwise(x) * weights).sum().backward();

        ArrayAssert.Close(FiniteDifferences.CentralGradient(F, x0), TensorData.ToDoubles(x.grad!), 1e-7, "grad");
    }
}
