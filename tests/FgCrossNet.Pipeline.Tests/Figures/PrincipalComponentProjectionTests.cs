using FgCrossNet.Core.Retrieval;
using FgCrossNet.Figures;

namespace FgCrossNet.Pipeline.Tests.Figures;

public class PrincipalComponentProjectionTests
{
    [Fact]
    public void Points_on_a_plane_keep_their_distances_and_the_wider_direction_comes_first()
    {
        // 30 points a*u + b*v + c in 6-D, u and v orthonormal, a spread 10x wider than b.
        var rng = new Random(5);
        double s = 1 / Math.Sqrt(2);
        double[] u = [s, s, 0, 0, 0, 0], v = [0, 0, 0.6, 0.8, 0, 0], c = [1, 2, 3, 4, 5, 6];
        var coords = Enumerable.Range(0, 30).Select(_ => (A: (rng.NextDouble() - 0.5) * 10, B: rng.NextDouble() - 0.5)).ToArray();
        var rows = coords.Select(p => Enumerable.Range(0, 6).Select(d => (float)(p.A * u[d] + p.B * v[d] + c[d])).ToArray()).ToArray();

        var xy = PrincipalComponentProjection.Project(FeatureMatrix.FromRows(rows), 2);

        for (int i = 0; i < rows.Length; i++)
            for (int j = i + 1; j < rows.Length; j++)
            {
                double original = Math.Sqrt(Enumerable.Range(0, 6).Sum(d => Math.Pow(rows[i][d] - rows[j][d], 2)));
                double projected = Math.Sqrt(Math.Pow(xy[i, 0] - xy[j, 0], 2) + Math.Pow(xy[i, 1] - xy[j, 1], 2));
                Assert.Equal(original, projected, 3);
            }
        // The first component follows u (the wide direction): it orders the points as a does, up to sign.
        var a = coords.Select(p => p.A).ToArray();
        var pc1 = Enumerable.Range(0, rows.Length).Select(i => xy[i, 0]).ToArray();
        double corr = MathNet.Numerics.Statistics.Correlation.Pearson(a, pc1);
        Assert.True(Math.Abs(corr) > 0.999, $"correlation {corr}");
        Assert.Equal(0, pc1.Average(), 4);
    }

    [Fact]
    public void More_components_than_dimensions_are_refused()
    {
        var m = FeatureMatrix.FromRows([[1f, 2f], [3f, 4f], [5f, 7f]]);
        Assert.Throws<ArgumentOutOfRangeException>(() => PrincipalComponentProjection.Project(m, 3));
    }
}
