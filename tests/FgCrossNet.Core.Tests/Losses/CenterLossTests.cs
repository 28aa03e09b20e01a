using FgCrossNet.Core.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Core.Tests.Losses;

public class CenterLossTests
{
    private static CenterLoss WithCenters(double[] centers, int numClasses, int featureDim)
    {
        var loss = new CenterLoss(numClasses, featureDim, ScalarType.Float64);
        using var noGrad = no_grad();
        loss.Centers.copy_(TensorData.Matrix(centers, numClasses, featureDim));
        return loss;
    }

    [Fact]
    public void HandCase_IncludesTheClampOfEveryMaskedOutEntry()
    {
        using var scope = NewDisposeScope();
        // Centers c0 = (0,0), c1 = (1,0), c2 = (0,2).
        using var loss = WithCenters(new double[] { 0, 0, 1, 0, 0, 2 }, 3, 2);
        // x0 = (1,1) in class 0: ||x0 − c0||² = 2; x1 = (1,0) in class 1: 0, clamped up to 1e-12; x2 = (0,0) in class 2: 4.
        var x = TensorData.Matrix(new double[] { 1, 1, 1, 0, 0, 0 }, 3, 2);

        var value = TensorData.Scalar(loss.forward(x, TensorData.Labels(0, 1, 2)));

        // 3 own-class entries (2, 1e-12, 4) and 6 masked-out zeros, each clamped to 1e-12; divided by N = 3.
        var expected = (2.0 + 1e-12 + 4.0 + 6 * 1e-12) / 3.0;
        Assert.True(Math.Abs(value - expected) <= 1e-15, $"expected {expected:R}, got {value:R}");
        Assert.True(Math.Abs(value - 2.0) > 1e-12, "the 7·1e-12/3 contribution of the clamps must be visible");
    }

    [Fact]
    public void HandCase_UpperClampApplies()
    {
        using var scope = NewDisposeScope();
        using var loss = WithCenters(new double[] { 0, 0, 5 }, 3, 1);
        // x0 = 2e6 in class 0: 4e12, clamped to 1e12; x1 = 3 in class 2: (3 − 5)² = 4.
        var x = TensorData.Matrix(new double[] { 2e6, 3 }, 2, 1);

        var value = TensorData.Scalar(loss.forward(x, TensorData.Labels(0, 2)));

        var expected = (1e12 + 4.0 + 4 * 1e-12) / 2.0;
        Assert.Equal(expected, value, 3);
    }

    [Fact]
    public void HandCase_Gradients()
    {
        using var scope = NewDisposeScope();
        using var loss = WithCenters(new double[] { 0, 0, 1, 0, 0, 2 }, 3, 2);
        var x = TensorData.Matrix(new double[] { 1, 1, 0, 0, 3, 1 }, 3, 2, requiresGrad: true);

        loss.forward(x, TensorData.Labels(0, 2, 0)).backward();

        // d/dx_i = 2 (x_i − c_(y_i)) / N; d/dc_k = −2 Σ_(i: y_i = k) (x_i − c_k) / N, with N = 3.
        ArrayAssert.Close(new[] { 2.0 / 3, 2.0 / 3, 0.0, -4.0 / 3, 2.0, 2.0 / 3 }, TensorData.ToDoubles(x.grad!), 1e-12, "x.grad");
        ArrayAssert.Close(new[] { -8.0 / 3, -4.0 / 3, 0.0, 0.0, 0.0, 4.0 / 3 }, TensorData.ToDoubles(loss.Centers.grad!), 1e-12, "centers.grad");
    }

    [Fact]
    public void Gradients_MatchCentralFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        const int n = 6, classes = 4, dim = 3;
        var random = new Random(31);
        var x0 = TensorData.Gaussian(n * dim, random);
        var c0 = TensorData.Gaussian(classes * dim, random);
        var labels = TensorData.Labels(0, 3, 3, 1, 0, 3);

        double LossAt(double[] xValues, double[] cValues)
        {
            using var inner = NewDisposeScope();
            using var probe = WithCenters(cValues, classes, dim);
            return TensorData.Scalar(probe.forward(TensorData.Matrix(xValues, n, dim), labels));
        }

        using var loss = WithCenters(c0, classes, dim);
        var x = TensorData.Matrix(x0, n, dim, requiresGrad: true);
        loss.forward(x, labels).backward();

        ArrayAssert.Close(FiniteDifferences.CentralGradient(v => LossAt(v, c0), x0), TensorData.ToDoubles(x.grad!), 1e-8, "x.grad");
        ArrayAssert.Close(FiniteDifferences.CentralGradient(v => LossAt(x0, v), c0), TensorData.ToDoubles(loss.Centers.grad!), 1e-8, "centers.grad");
    }

    [Fact]
    public void RescaleCenterGradients_DividesOnlyTheCentersGradientByTheWeight()
    {
        using var scope = NewDisposeScope();
        using var loss = WithCenters(new double[] { 0, 0, 1, 0, 0, 2 }, 3, 2);
        var x = TensorData.Matrix(new double[] { 1, 1, 0, 0, 3, 1 }, 3, 2, requiresGrad: true);
        (0.001 * loss.forward(x, TensorData.Labels(0, 2, 0))).backward();
        var xGradBefore = TensorData.ToDoubles(x.grad!);

        loss.RescaleCenterGradients(0.001);

        // With the 1/0.001 rescale the centers see the unweighted gradient of HandCase_Gradients.
        ArrayAssert.Close(new[] { -8.0 / 3, -4.0 / 3, 0.0, 0.0, 0.0, 4.0 / 3 }, TensorData.ToDoubles(loss.Centers.grad!), 1e-12, "centers.grad");
        ArrayAssert.Close(xGradBefore, TensorData.ToDoubles(x.grad!), 0.0, "x.grad");
        Assert.Throws<ArgumentOutOfRangeException>(() => loss.RescaleCenterGradients(0.0));
    }

    [Fact]
    public void Centers_AreARegisteredStandardNormalParameter()
    {
        using var scope = NewDisposeScope();
        using var loss = new CenterLoss(200, 200, generator: new Generator(7));

        var parameters = loss.named_parameters().ToList();

        var (name, centers) = Assert.Single(parameters);
        Assert.Equal("centers", name);
        Assert.Equal(new long[] { 200, 200 }, centers.shape);
        Assert.True(centers.requires_grad);
        Assert.Equal(ScalarType.Float32, centers.dtype);
        // 40,000 draws: mean within 0.03 (≈ 6 standard errors) of 0, standard deviation within 0.03 of 1.
        Assert.InRange(TensorData.Scalar(centers.mean()), -0.03, 0.03);
        Assert.InRange(TensorData.Scalar(centers.std()), 0.97, 1.03);
    }
}
