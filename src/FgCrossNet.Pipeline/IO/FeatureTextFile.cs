using System.Globalization;
using System.Text;
using FgCrossNet.Core.Retrieval;

namespace FgCrossNet.IO;

/// <summary>
/// The reference implementation's feature file (<c>features_te.txt</c>): one item per line, its feature values as
/// whitespace-separated decimal floats; every line has the same number of values. Values must be finite.
/// </summary>
public static class FeatureTextFile
{
    public static FeatureMatrix Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException(path, "file not found");
        var values = new List<float>(1 << 20);
        int dim = -1, rows = 0, lineNumber = 0;
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var span = line.AsSpan().Trim();
            if (span.IsEmpty) continue;
            int count = 0;
            foreach (var range in span.SplitAny(" \t,"))
            {
                var token = span[range];
                if (token.IsEmpty) continue;
                if (!float.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && !IsNumpyNonFinite(token, out v))
                    throw new InvalidInputException(path, lineNumber, $"'{LabelFile.Shorten(token.ToString())}' is not a number");
                if (!float.IsFinite(v))
                    throw new InvalidInputException(path, lineNumber, $"value {count + 1} is {token.ToString()} (features must be finite)");
                values.Add(v);
                count++;
            }
            if (dim < 0) dim = count;
            else if (count != dim)
                throw new InvalidInputException(path, lineNumber, $"{count} values, but the first row has {dim} (ragged rows)");
            rows++;
        }
        if (rows == 0) throw new InvalidInputException(path, "the file holds no feature rows");
        return new FeatureMatrix(rows, dim, values.ToArray());
    }

    // numpy.savetxt writes "nan", "inf" and "-inf", which .NET does not parse; recognise them to report them as such.
    private static bool IsNumpyNonFinite(ReadOnlySpan<char> token, out float value)
    {
        var t = token.TrimStart('+');
        value = t.Equals("nan", StringComparison.OrdinalIgnoreCase) ? float.NaN
            : t.Equals("inf", StringComparison.OrdinalIgnoreCase) ? float.PositiveInfinity
            : t.Equals("-inf", StringComparison.OrdinalIgnoreCase) ? float.NegativeInfinity
            : 0;
        return value != 0;
    }

    /// <summary>Writes rows with the shortest round-trip representation of each float, so reading back is exact.</summary>
    public static void Write(string path, FeatureMatrix features) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            for (int i = 0; i < features.Rows; i++)
            {
                var row = features.Row(i);
                for (int k = 0; k < row.Length; k++)
                {
                    if (k > 0) writer.Write(' ');
                    writer.Write(row[k].ToString("R", CultureInfo.InvariantCulture));
                }
                writer.Write('\n');
            }
        });
}
