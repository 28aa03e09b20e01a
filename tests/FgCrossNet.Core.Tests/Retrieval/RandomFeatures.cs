using FgCrossNet.Core.Retrieval;

namespace FgCrossNet.Core.Tests.Retrieval;

/// <summary>Random labelled features where items of a class share a mean, so retrieval is neither trivial nor chance.</summary>
internal static class RandomFeatures
{
    public static MediumFeatures Make(Medium medium, int count, int classes, int dim, int seed, double signal = 1.0)
    {
        var rng = new Random(seed);
        var classMeans = new Random(12345);
        var means = new float[classes, dim];
        for (int c = 0; c < classes; c++)
            for (int k = 0; k < dim; k++) means[c, k] = (float)(classMeans.NextDouble() * 2 - 1);
        var data = new float[count * dim];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = rng.Next(classes);
            for (int k = 0; k < dim; k++)
                data[i * dim + k] = (float)(signal * means[labels[i], k] + Gaussian(rng));
        }
        return new MediumFeatures(medium, new FeatureMatrix(count, dim, data), labels);
    }

    public static float[][] Rows(FeatureMatrix m) => Enumerable.Range(0, m.Rows).Select(i => m.Row(i).ToArray()).ToArray();

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
