namespace FgCrossNet.Core.Retrieval;

/// <summary>
/// A dense row-major float32 matrix: one row per item, <see cref="Dimension"/> columns.
/// </summary>
public sealed class FeatureMatrix
{
    public FeatureMatrix(int rows, int dimension, float[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (data.Length != (long)rows * dimension)
            throw new ArgumentException($"Expected {rows} x {dimension} = {(long)rows * dimension} values, got {data.Length}.", nameof(data));
        Rows = rows;
        Dimension = dimension;
        Data = data;
    }

    public int Rows { get; }

    public int Dimension { get; }

    /// <summary>Row-major values: item i occupies <c>Data[i*Dimension .. (i+1)*Dimension)</c>.</summary>
    public float[] Data { get; }

    public ReadOnlySpan<float> Row(int i) => Data.AsSpan(i * Dimension, Dimension);

    /// <summary>Builds a matrix from jagged rows, which must all have the same length.</summary>
    public static FeatureMatrix FromRows(IReadOnlyList<float[]> rows)
    {
        if (rows.Count == 0) throw new ArgumentException("At least one row is needed.", nameof(rows));
        int d = rows[0].Length;
        var data = new float[(long)rows.Count * d];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != d) throw new ArgumentException($"Row {i} has {rows[i].Length} values, row 0 has {d}.", nameof(rows));
            rows[i].CopyTo(data, (long)i * d);
        }
        return new FeatureMatrix(rows.Count, d, data);
    }

    /// <summary>Rows whose values are all zero: their cosine similarity is undefined (<see cref="CosineSimilarityKernel"/> gives them 0 with every item).</summary>
    public int ZeroRowCount()
    {
        int count = 0;
        for (int i = 0; i < Rows; i++)
        {
            bool zero = true;
            foreach (var v in Row(i)) zero &= v == 0; // -0 counts as zero
            if (zero) count++;
        }
        return count;
    }

    /// <summary>Index of the first row holding NaN or infinity, or -1.</summary>
    public int FirstNonFiniteRow()
    {
        for (int i = 0; i < Rows; i++)
            foreach (var v in Row(i))
                if (!float.IsFinite(v)) return i;
        return -1;
    }
}
