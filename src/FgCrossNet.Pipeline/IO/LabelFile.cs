using System.Globalization;

namespace FgCrossNet.IO;

/// <summary>
/// A label file as the reference implementation writes it (<c>testlabel.txt</c>): one integer class label per line,
/// LF or CRLF line endings; blank lines at the end are ignored.
/// </summary>
public static class LabelFile
{
    public static int[] Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException(path, "file not found");
        var labels = new List<int>();
        int lineNumber = 0, trailingBlank = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0) { trailingBlank++; continue; }
            if (trailingBlank > 0) throw new InvalidInputException(path, lineNumber - 1, "blank line between labels");
            if (!int.TryParse(line, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var label))
                throw new InvalidInputException(path, lineNumber, $"label '{Shorten(line)}' is not an integer");
            if (label < 0) throw new InvalidInputException(path, lineNumber, $"label {label} is negative");
            labels.Add(label);
        }
        if (labels.Count == 0) throw new InvalidInputException(path, "the file holds no labels");
        return labels.ToArray();
    }

    public static void Write(string path, IEnumerable<int> labels) =>
        AtomicFile.WriteAllText(path, string.Concat(labels.Select(l => l.ToString(CultureInfo.InvariantCulture) + "\n")));

    internal static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
