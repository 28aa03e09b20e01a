using FgCrossNet.Core.Distances;
using FgCrossNet.Core.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Core.Tests.Losses;

/// <summary>The memory-lean loss against its N⁴ reference and a plain double-loop oracle.</summary>
public class QuadrupletRankingLossTests
{
    private const int Dim = 3;

    /// <summary>
    /// A random stacked batch of N = media·itemsPerMedium rows with labels in 0..classes−1 and duplicated rows, so that
    /// zero distances occur both within and across classes: the last row copies row 1 with row 1's label, the
    /// second-to-last copies row 2 with another label. Features are multiples of 1/16, so that every product and sum in
    /// ||a||² − 2a·b + ||b||² is exact even in float32 and the duplicates' distances are exactly 0, not rounding noise.
    /// </summary>
    private static (double[] Features, long[] Labels) RandomBatch(int seed, int n, int classes)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, n).Select(_ => (long)random.Next(classes)).ToArray();
        var features = TensorData.Gaussian(n * Dim, random).Select(v => Math.Round(v * 16) / 16).ToArray();
        labels[n - 1] = labels[1];
        Array.Copy(features, 1 * Dim, features, (n - 1) * Dim, Dim);
        labels[n - 2] = (labels[2] + 1) % classes;
        Array.Copy(features, 2 * Dim, features, (n - 2) * Dim, Dim);
        return (features, labels);
    }

    public static TheoryData<int, int, int, ScalarType> RandomBatches => new()
    {
        // seed, N (= 4 media × B), classes, dtype
        { 1, 16, 3, ScalarType.Float64 },
        { 2, 16, 5, ScalarType.Float32 },
        { 3, 32, 4, ScalarType.Float64 },
        { 4, 32, 8, ScalarType.Float32 },
        { 5, 32, 6, ScalarType.Float32 },
    };

    [Theory]
    [MemberData(nameof(RandomBatches))]
    public void MatchesReference_ValueCountsAndGradients(int seed, int n, int classes, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var (features, labelValues) = RandomBatch(seed, n, classes);
        var labels = TensorData.Labels(labelValues);
        var xReference = TensorData.Matrix(features, n, Dim, dtype, requiresGrad: true);
        var reference = new QuadrupletRankingLossReference().Compute(xReference, labels);
        reference.Loss.backward();
        var referenceGradient = TensorData.ToDoubles(xReference.grad!);
        Assert.True(reference.PositiveQuadruplets > 0 && reference.PositiveQuadruplets < reference.ValidQuadruplets,
            "the batch must mix positive and non-positive quadruplets");
        var distances = TensorData.ToDoubles(new PairwiseEuclideanDistance().Pairwise(xReference));
        Assert.Equal(0.0, distances[1 * n + (n - 1)]); // duplicate within a class
        Assert.Equal(0.0, distances[2 * n + (n - 2)]); // duplicate across classes

        // Default chunking (whole classes at these sizes) and one anchor per chunk.
        foreach (var lossFunction in new[] { new QuadrupletRankingLoss(), new QuadrupletRankingLoss { ChunkElementBudget = 1 } })
        {
            var xLean = TensorData.Matrix(features, n, Dim, dtype, requiresGrad: true);
            var lean = lossFunction.Compute(xLean, labels);
            lean.Loss.backward();

            Assert.Equal(reference.ValidQuadruplets, lean.ValidQuadruplets);
            Assert.Equal(reference.PositiveQuadruplets, lean.PositiveQuadruplets);
            Assert.Equal(reference.PositiveFraction, lean.PositiveFraction);
            Assert.Equal(dtype, lean.Loss.dtype);
            ArrayAssert.Close(new[] { TensorData.Scalar(reference.Loss) }, new[] { TensorData.Scalar(lean.Loss) }, 1e-5, "loss");
            var leanGradient = TensorData.ToDoubles(xLean.grad!);
            ArrayAssert.AllFinite(leanGradient, "lean grad");
            Assert.Contains(leanGradient, g => g != 0.0);
            ArrayAssert.Close(referenceGradient, leanGradient, 1e-5, "grad");
        }
    }

    [Theory]
    [MemberData(nameof(RandomBatches))]
    public void MatchesDoubleLoopOracle_ValueCountsAndDistanceGradient(int seed, int n, int classes, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var (features, labelValues) = RandomBatch(seed, n, classes);
        var dValues = BruteForceQuadrupletOracle.EuclideanDistances(features, n, Dim);
        var oracle = BruteForceQuadrupletOracle.Evaluate(dValues, labelValues);
        var d = TensorData.Matrix(BruteForceQuadrupletOracle.Flatten(dValues), n, n, dtype, requiresGrad: true);

        var lean = new QuadrupletRankingLoss().ComputeFromDistances(d, TensorData.Labels(labelValues));
        lean.Loss.backward();

        Assert.Equal(oracle.Valid, lean.ValidQuadruplets);
        Assert.Equal(oracle.Positive, lean.PositiveQuadruplets);
        ArrayAssert.Close(new[] { oracle.Loss }, new[] { TensorData.Scalar(lean.Loss) }, 1e-5, "loss");
        ArrayAssert.Close(BruteForceQuadrupletOracle.Flatten(oracle.GradientWrtDistances), TensorData.ToDoubles(d.grad!), 1e-7, "dL/dd");
    }

    [Fact]
    public void LargeClass_SpansSeveralAnchorChunks_MatchesReference()
    {
        using var scope = NewDisposeScope();
        // 16 members of class 0 and 16 negatives: 16·16² = 4,096 elements per anchor, so with a budget of 12,288 class
        // 0's anchors go in chunks of 3 (the last one ragged), class 1's and 2's (8·24² = 4,608 each) in chunks of 2.
        const int n = 32;
        var labelValues = Enumerable.Range(0, n).Select(r => r < 16 ? 0L : r < 24 ? 1L : 2L).ToArray();
        var features = TensorData.Gaussian(n * Dim, new Random(51));
        var labels = TensorData.Labels(labelValues);

        var xLean = TensorData.Matrix(features, n, Dim, requiresGrad: true);
        var lean = new QuadrupletRankingLoss { ChunkElementBudget = 12_288 }.Compute(xLean, labels);
        lean.Loss.backward();
        var xReference = TensorData.Matrix(features, n, Dim, requiresGrad: true);
        var reference = new QuadrupletRankingLossReference().Compute(xReference, labels);
        reference.Loss.backward();

        Assert.True(reference.PositiveQuadruplets > 0 && reference.PositiveQuadruplets < reference.ValidQuadruplets);
        Assert.Equal(16L * 15 * (2 * 8 * 8) + 2 * (8L * 7 * (2 * 16 * 8)), lean.ValidQuadruplets);
        Assert.Equal(reference.ValidQuadruplets, lean.ValidQuadruplets);
        Assert.Equal(reference.PositiveQuadruplets, lean.PositiveQuadruplets);
        ArrayAssert.Close(new[] { TensorData.Scalar(reference.Loss) }, new[] { TensorData.Scalar(lean.Loss) }, 1e-12, "loss");
        ArrayAssert.Close(TensorData.ToDoubles(xReference.grad!), TensorData.ToDoubles(xLean.grad!), 1e-12, "grad");
    }

    [Theory]
    [MemberData(nameof(QuadrupletRankingLossHandCaseTests.Implementations), MemberType = typeof(QuadrupletRankingLossHandCaseTests))]
    public void Gradient_MatchesCentralFiniteDifferences(string implementation)
    {
        using var scope = NewDisposeScope();
        const int n = 12;
        var random = new Random(61);
        var labels = TensorData.Labels(0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3);
        var x0 = TensorData.Gaussian(n * Dim, random);
        var compute = QuadrupletRankingLossHandCaseTests.Compute(implementation);
        double F(double[] v)
        {
            using var inner = NewDisposeScope();
            return TensorData.Scalar(compute(TensorData.Matrix(v, n, Dim), labels).Loss);
        }

        var x = TensorData.Matrix(x0, n, Dim, requiresGrad: true);
        var result = compute(x, labels);
        result.Loss.backward();

        Assert.True(result.PositiveQuadruplets > 0 && result.PositiveQuadruplets < result.ValidQuadruplets);
        ArrayAssert.Close(FiniteDifferences.CentralGradient(F, x0), TensorData.ToDoubles(x.grad!), 1e-7, "grad");
    }

    [Fact]
    public void Compute_UsesTheGivenDistance()
    {
        using var scope = NewDisposeScope();
        var (features, labelValues) = RandomBatch(71, 16, 4);
        var x = TensorData.Matrix(features, 16, Dim);
        var labels = TensorData.Labels(labelValues);
        var squared = new SquaredEuclidean();

        var viaCompute = new QuadrupletRankingLoss(squared).Compute(x, labels);
        var viaDistances = new QuadrupletRankingLoss().ComputeFromDistances(squared.Pairwise(x), labels);
        var euclidean = new QuadrupletRankingLoss().Compute(x, labels);

        Assert.Equal(TensorData.Scalar(viaDistances.Loss), TensorData.Scalar(viaCompute.Loss));
        Assert.Equal(viaDistances.PositiveQuadruplets, viaCompute.PositiveQuadruplets);
        Assert.NotEqual(TensorData.Scalar(euclidean.Loss), TensorData.Scalar(viaCompute.Loss));
    }

    [Fact]
    public void MismatchedShapes_Throw()
    {
        using var scope = NewDisposeScope();
        var loss = new QuadrupletRankingLoss();
        Assert.Throws<ArgumentException>(() => loss.ComputeFromDistances(zeros(4, 5), TensorData.Labels(0, 1, 2, 3)));
        Assert.Throws<ArgumentException>(() => loss.ComputeFromDistances(zeros(4, 4), TensorData.Labels(0, 1, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuadrupletRankingLoss(anchorNegativeMargin: double.NaN));
    }

    private sealed class SquaredEuclidean : IPairwiseDistance
    {
        public Tensor Pairwise(Tensor x) => Pairwise(x, x);

        public Tensor Pairwise(Tensor a, Tensor b) => (a.unsqueeze(1) - b.unsqueeze(0)).pow(2).sum(2);
    }
}
