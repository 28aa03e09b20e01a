using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Core.Tests.Losses;

/// <summary>Moving test data between plain C# arrays and tensors.</summary>
internal static class TensorData
{
    /// <summary>A leaf tensor of the given dtype (converted before requiring grad, so that its .grad is populated).</summary>
    public static Tensor Matrix(double[] values, long rows, long columns, ScalarType dtype = ScalarType.Float64, bool requiresGrad = false) =>
        tensor(values, new[] { rows, columns }, dtype: ScalarType.Float64).to_type(dtype).detach().requires_grad_(requiresGrad);

    public static Tensor Labels(params long[] labels) => tensor(labels, dtype: ScalarType.Int64);

    public static double[] ToDoubles(Tensor t) => t.detach().to_type(ScalarType.Float64).cpu().contiguous().data<double>().ToArray();

    public static double Scalar(Tensor t) => t.detach().to_type(ScalarType.Float64).cpu().item<double>();

    /// <summary>Standard-normal-ish values from a seeded <see cref="Random"/> (Box–Muller), independent of torch's generator.</summary>
    public static double[] Gaussian(int count, Random random, double scale = 1.0)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = scale * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }
        return values;
    }
}
