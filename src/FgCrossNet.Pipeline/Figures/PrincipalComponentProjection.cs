using FgCrossNet.Core.Retrieval;
using MathNet.Numerics.LinearAlgebra;

namespace FgCrossNet.Figures;

/// <summary>
/// Projects feature rows onto their first principal components: the rows are centred on their mean and multiplied by
/// the top right singular vectors of the centred matrix (MathNet's SVD), so the first coordinate has the largest
/// variance. Each component's sign is fixed so that its largest-magnitude loading is positive, for reproducible plots.
/// </summary>
public static class PrincipalComponentProjection
{
    /// <summary>The coordinates of every row of <paramref name="features"/> on the first <paramref name="components"/> principal components ([row, component]).</summary>
    public static double[,] Project(FeatureMatrix features, int components = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 1);
        if (components > Math.Min(features.Rows, features.Dimension))
            throw new ArgumentOutOfRangeException(nameof(components), $"{components} components need at least that many rows and dimensions ({features.Rows} x {features.Dimension}).");
        var x = Matrix<double>.Build.Dense(features.Rows, features.Dimension, (i, j) => features.Data[(long)i * features.Dimension + j]);
        var mean = x.ColumnSums() / features.Rows;
        for (int i = 0; i < x.RowCount; i++) x.SetRow(i, x.Row(i) - mean);
        var svd = x.Svd(computeVectors: true);
        var basis = svd.VT.SubMatrix(0, components, 0, features.Dimension).Transpose(); // dimension x components
        for (int c = 0; c < components; c++)
        {
            var column = basis.Column(c);
            if (column[column.AbsoluteMaximumIndex()] < 0) basis.SetColumn(c, -column);
        }
        return (x * basis).ToArray();
    }
}
