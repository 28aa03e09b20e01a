using FgCrossNet.Core.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Core.Tests.Losses;

/// <summary>Cases small enough to enumerate on paper, run against both the lean loss and its reference.</summary>
public class QuadrupletRankingLossHandCaseTests
{
    public static TheoryData<string> Implementations => new() { "lean", "reference" };

    internal static Func<Tensor, Tensor, QuadrupletLossResult> Compute(string implementation, double m1 = 1.0, double m2 = 0.5) =>
        implementation == "lean"
            ? new QuadrupletRankingLoss(null, m1, m2).Compute
            : new QuadrupletRankingLossReference(null, m1, m2).Compute;

    internal static Func<Tensor, Tensor, QuadrupletLossResult> ComputeFromDistances(string implementation, double m1 = 1.0, double m2 = 0.5) =>
        implementation == "lean"
            ? new QuadrupletRankingLoss(null, m1, m2).ComputeFromDistances
            : new QuadrupletRankingLossReference(null, m1, m2).ComputeFromDistances;

    // 1-D features, so d(a,b) = |x_a − x_b|; items 0 and 2 coincide (a zero distance across classes).
    private static readonly double[] X = { 0.0, 0.5, 0.0, 2.5, 3.0 };
    private static readonly long[] Y = { 0, 0, 1, 1, 2 };

    // The 16 valid quadruplets (i, j | k, l): anchors of class 0 pair with (k, l) in {(2,4), (4,2), (3,4), (4,3)},
    // anchors of class 1 with {(0,4), (4,0), (1,4), (4,1)}. Terms (d_ij − d_ik + 1) + (d_ij − d_kl + 0.5):
    //   (0,1,2,4) −0.5   (0,1,3,4) −0.5   (0,1,4,2) −3.5   (0,1,4,3) −1.0
    //   (1,0,2,4) −1.0   (1,0,3,4)  0.0   (1,0,4,2) −3.0   (1,0,4,3) −0.5
    //   (2,3,0,4)  3.5   (2,3,1,4)  3.5   (2,3,4,0)  0.5   (2,3,4,1)  1.0
    //   (3,2,0,4)  1.0   (3,2,1,4)  2.0   (3,2,4,0)  3.0   (3,2,4,1)  3.5
    // Positive: the 8 anchored in class 1, summing to 18, so L = 18 / 8. (1,0,3,4) is exactly 0: not counted.
    [Theory]
    [MemberData(nameof(Implementations))]
    public void HandCase_ValueAndCounts(string implementation)
    {
        using var scope = NewDisposeScope();
        var result = Compute(implementation)(TensorData.Matrix(X, 5, 1), TensorData.Labels(Y));

        Assert.Equal(16, result.ValidQuadruplets);
        Assert.Equal(8, result.PositiveQuadruplets);
        Assert.Equal(0.5, result.PositiveFraction);
        Assert.Equal(18.0 / 8.0, TensorData.Scalar(result.Loss), 12);
        Assert.Equal(0, result.Loss.dim());
    }

    // Each positive quadruplet adds +2 at (i,j), −1 at (i,k) and −1 at (k,l); divided by P = 8.
    //   (i,j): (2,3) ×4, (3,2) ×4            → W[2,3] = W[3,2] = 8
    //   (i,k): (2,0), (2,1), (3,0), (3,1) ×1; (2,4), (3,4) ×2
    //   (k,l): (0,4), (1,4), (4,0), (4,1) ×2
    // The zero term (1,0,3,4) is not counted in P but passes its gradient, as in the reference (whose masked
    // assignment loss[loss < 0] = 0 keeps terms of exactly 0): +2/8 at (1,0), −1/8 at (1,3) and at (3,4).
    [Theory]
    [MemberData(nameof(Implementations))]
    public void HandCase_GradientWithRespectToDistances(string implementation)
    {
        using var scope = NewDisposeScope();
        var dValues = new double[25];
        for (var a = 0; a < 5; a++)
        for (var b = 0; b < 5; b++)
            dValues[a * 5 + b] = Math.Abs(X[a] - X[b]);
        var d = TensorData.Matrix(dValues, 5, 5, requiresGrad: true);

        ComputeFromDistances(implementation)(d, TensorData.Labels(Y)).Loss.backward();

        var w = new double[25];
        w[2 * 5 + 3] = 8; w[3 * 5 + 2] = 8;
        w[2 * 5 + 0] = -1; w[2 * 5 + 1] = -1; w[3 * 5 + 0] = -1; w[3 * 5 + 1] = -1;
        w[2 * 5 + 4] = -2; w[3 * 5 + 4] = -2;
        w[0 * 5 + 4] = -2; w[1 * 5 + 4] = -2; w[4 * 5 + 0] = -2; w[4 * 5 + 1] = -2;
        w[1 * 5 + 0] += 2; w[1 * 5 + 3] -= 1; w[3 * 5 + 4] -= 1;
        ArrayAssert.Close(w.Select(v => v / 8.0).ToArray(), TensorData.ToDoubles(d.grad!), 1e-12, "dL/dd");
    }

    // Items 0, 1 (class 0) at 0 and 1, item 2 (class 1) at 2, item 3 (class 2) at 3.5; m1 = 1, m2 = 0.5. Anchored in
    // class 0, (0,1,2,3) = (1 − 2 + 1) + (1 − 1.5 + 0.5) = 0 exactly and (1,0,2,3) = (1 − 1 + 1) + (1 − 1.5 + 0.5) = 1:
    // P = 1, L = 1. Every other valid term is negative. Both non-negative terms pass their gradient:
    // (0,1,2,3): +2 at (0,1), −1 at (0,2), −1 at (2,3); (1,0,2,3): +2 at (1,0), −1 at (1,2), −1 at (2,3).
    [Theory]
    [MemberData(nameof(Implementations))]
    public void ATermOfExactlyZeroPassesItsGradientButIsNotCounted(string implementation)
    {
        using var scope = NewDisposeScope();
        double[] x = { 0.0, 1.0, 2.0, 3.5 };
        long[] y = { 0, 0, 1, 2 };
        var dValues = new double[16];
        for (var a = 0; a < 4; a++)
        for (var b = 0; b < 4; b++)
            dValues[a * 4 + b] = Math.Abs(x[a] - x[b]);
        var d = TensorData.Matrix(dValues, 4, 4, requiresGrad: true);

        var result = ComputeFromDistances(implementation)(d, TensorData.Labels(y));
        result.Loss.backward();

        Assert.Equal(1, result.PositiveQuadruplets);
        Assert.Equal(1.0, TensorData.Scalar(result.Loss), 12);
        var w = new double[16];
        w[0 * 4 + 1] = 2; w[0 * 4 + 2] = -1; w[1 * 4 + 0] = 2; w[1 * 4 + 2] = -1; w[2 * 4 + 3] = -2;
        ArrayAssert.Close(w, TensorData.ToDoubles(d.grad!), 1e-12, "dL/dd");
    }

    // With m1 = m2 = 0 every term above drops by 1.5. Still positive: 3.5 → 2 (three times), 3.0 → 1.5 and 2.0 → 0.5,
    // five terms summing to 8; 1.0 → −0.5 (twice) and 0.5 → −1 drop out.
    [Theory]
    [MemberData(nameof(Implementations))]
    public void HandCase_MarginsAreConfigurable(string implementation)
    {
        using var scope = NewDisposeScope();
        var result = Compute(implementation, m1: 0.0, m2: 0.0)(TensorData.Matrix(X, 5, 1), TensorData.Labels(Y));

        Assert.Equal(16, result.ValidQuadruplets);
        Assert.Equal(5, result.PositiveQuadruplets);
        Assert.Equal(5.0 / 16.0, result.PositiveFraction);
        Assert.Equal(8.0 / 5.0, TensorData.Scalar(result.Loss), 12);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void AllLabelsEqual_NoValidQuadruplet_LossIsZeroWithoutNaN(string implementation)
    {
        using var scope = NewDisposeScope();
        var x = TensorData.Matrix(TensorData.Gaussian(6 * 2, new Random(41)), 6, 2, requiresGrad: true);

        var result = Compute(implementation)(x, TensorData.Labels(3, 3, 3, 3, 3, 3));
        result.Loss.backward();

        Assert.Equal(0, result.ValidQuadruplets);
        Assert.Equal(0, result.PositiveQuadruplets);
        Assert.Equal(0.0, result.PositiveFraction);
        Assert.Equal(0.0, TensorData.Scalar(result.Loss));
        ArrayAssert.Close(new double[12], TensorData.ToDoubles(x.grad!), 0.0, "grad");
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void TwoClasses_NoValidQuadruplet(string implementation)
    {
        using var scope = NewDisposeScope();
        // k and l must carry two different labels, both different from the anchor's: three classes are needed.
        var x = TensorData.Matrix(TensorData.Gaussian(6 * 2, new Random(42)), 6, 2, requiresGrad: true);

        var result = Compute(implementation)(x, TensorData.Labels(0, 1, 0, 1, 1, 0));
        result.Loss.backward();

        Assert.Equal(0, result.ValidQuadruplets);
        Assert.Equal(0.0, result.PositiveFraction);
        Assert.Equal(0.0, TensorData.Scalar(result.Loss));
        ArrayAssert.AllFinite(TensorData.ToDoubles(x.grad!), "grad");
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void WellSeparatedClasses_NoPositiveQuadruplet_LossIsZeroWithoutNaN(string implementation)
    {
        using var scope = NewDisposeScope();
        // Same-class items coincide (d_ij = 0, a zero distance) and classes are 10 apart: every term is 1.5 − d_ik − d_kl < 0.
        var x = TensorData.Matrix(new double[] { 0, 0, 10, 10, 20 }, 5, 1, requiresGrad: true);

        var result = Compute(implementation)(x, TensorData.Labels(0, 0, 1, 1, 2));
        result.Loss.backward();

        Assert.Equal(16, result.ValidQuadruplets);
        Assert.Equal(0, result.PositiveQuadruplets);
        Assert.Equal(0.0, result.PositiveFraction);
        Assert.Equal(0.0, TensorData.Scalar(result.Loss));
        ArrayAssert.Close(new double[5], TensorData.ToDoubles(x.grad!), 0.0, "grad");
    }
}
