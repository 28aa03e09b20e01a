using FgCrossNet.Core.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Core.Tests.Losses;

public class PerMediumCrossEntropyLossTests
{
    private static readonly double[] HandLogits =
    {
        1.0, 2.0, 0.5,
        0.0, 0.0, 0.0,
        3.0, -1.0, 0.0,
        0.2, 0.1, -0.3,
    };

    private static readonly long[] HandLabels = { 1, 2, 0, 2 };

    /// <summary>−log softmax(z)[y] = log Σ_c exp(z_c) − z_y, written out for one row of <see cref="HandLogits"/>.</summary>
    private static double RowCrossEntropy(int row)
    {
        var z = HandLogits.AsSpan(row * 3, 3);
        var logSumExp = Math.Log(Math.Exp(z[0]) + Math.Exp(z[1]) + Math.Exp(z[2]));
        return logSumExp - z[(int)HandLabels[row]];
    }

    [Fact]
    public void TwoEqualMedia_IsSumOfPerMediumMeans()
    {
        using var scope = NewDisposeScope();
        var loss = new PerMediumCrossEntropyLoss(mediaCount: 2, itemsPerMedium: 2)
            .Compute(TensorData.Matrix(HandLogits, 4, 3), TensorData.Labels(HandLabels));

        var expected = (RowCrossEntropy(0) + RowCrossEntropy(1)) / 2 + (RowCrossEntropy(2) + RowCrossEntropy(3)) / 2;
        Assert.Equal(expected, TensorData.Scalar(loss), 12);
        Assert.Equal(0, loss.dim());
    }

    [Fact]
    public void UnequalMedia_AveragesWithinEachMedium()
    {
        using var scope = NewDisposeScope();
        var loss = new PerMediumCrossEntropyLoss(new long[] { 1, 3 })
            .Compute(TensorData.Matrix(HandLogits, 4, 3), TensorData.Labels(HandLabels));

        var expected = RowCrossEntropy(0) + (RowCrossEntropy(1) + RowCrossEntropy(2) + RowCrossEntropy(3)) / 3;
        var overallMeanTimesMedia = 2 * (RowCrossEntropy(0) + RowCrossEntropy(1) + RowCrossEntropy(2) + RowCrossEntropy(3)) / 4;
        Assert.Equal(expected, TensorData.Scalar(loss), 12);
        Assert.True(Math.Abs(expected - overallMeanTimesMedia) > 1e-3, "the hand case must tell per-medium means from the overall mean");
    }

    [Fact]
    public void FourMedia_Float32_MatchesHandFormula()
    {
        using var scope = NewDisposeScope();
        var logits = TensorData.Gaussian(8 * 5, new Random(21), scale: 2.0);
        var labels = new long[] { 0, 4, 1, 1, 3, 2, 4, 0 };
        var expected = 0.0;
        for (var medium = 0; medium < 4; medium++)
        {
            var mediumSum = 0.0;
            for (var row = medium * 2; row < medium * 2 + 2; row++)
            {
                var z = logits.AsSpan(row * 5, 5).ToArray();
                mediumSum += Math.Log(z.Sum(Math.Exp)) - z[labels[row]];
            }
            expected += mediumSum / 2;
        }

        var loss = new PerMediumCrossEntropyLoss(4, 2)
            .Compute(TensorData.Matrix(logits, 8, 5, ScalarType.Float32), TensorData.Labels(labels));

        Assert.Equal(ScalarType.Float32, loss.dtype);
        Assert.True(Math.Abs(expected - TensorData.Scalar(loss)) <= 1e-5, $"expected {expected}, got {TensorData.Scalar(loss)}");
    }

    [Fact]
    public void Gradient_MatchesCentralFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        var loss = new PerMediumCrossEntropyLoss(new long[] { 2, 3, 1, 2 });
        var labels = TensorData.Labels(0, 4, 1, 1, 3, 2, 4, 0);
        var x0 = TensorData.Gaussian(8 * 5, new Random(22), scale: 2.0);
        double F(double[] v)
        {
            using var inner = NewDisposeScope();
            return TensorData.Scalar(loss.Compute(TensorData.Matrix(v, 8, 5), labels));
        }

        var x = TensorData.Matrix(x0, 8, 5, requiresGrad: true);
        loss.Compute(x, labels).backward();

        ArrayAssert.Close(FiniteDifferences.CentralGradient(F, x0), TensorData.ToDoubles(x.grad!), 1e-8, "grad");
    }

    [Fact]
    public void RowCountMismatch_Throws()
    {
        using var scope = NewDisposeScope();
        var loss = new PerMediumCrossEntropyLoss(4, 2);
        Assert.Throws<ArgumentException>(() => loss.Compute(zeros(6, 3), zeros(6, dtype: ScalarType.Int64)));
        Assert.Throws<ArgumentException>(() => new PerMediumCrossEntropyLoss(new long[] { 2, 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerMediumCrossEntropyLoss(0, 2));
    }
}
