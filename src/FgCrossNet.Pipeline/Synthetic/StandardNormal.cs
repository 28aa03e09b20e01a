namespace FgCrossNet.Synthetic;

/// <summary>
/// Standard normal samples from a seeded <see cref="Random"/> by the Box-Muller transform (cosine branch, two uniform
/// draws per sample), so that synthetic data is reproducible from its seed.
/// </summary>
internal static class StandardNormal
{
    public static double Sample(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
