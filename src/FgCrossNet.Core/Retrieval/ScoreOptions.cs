namespace FgCrossNet.Core.Retrieval;

/// <summary>Options of <see cref="TaskScores.Compute"/>.</summary>
/// <param name="Ks">The K values of Precision@K and Recall@K.</param>
/// <param name="BootstrapResamples">Resamples of the confidence intervals; 0 to skip them.</param>
/// <param name="ConfidenceLevel">Two-sided level of the intervals.</param>
/// <param name="Seed">Seed of the bootstrap.</param>
public sealed record ScoreOptions(int[] Ks, int BootstrapResamples = 0, double ConfidenceLevel = 0.95, int Seed = 0)
{
    public static ScoreOptions Default { get; } = new([1, 5, 10, 50]);
}
