using System.Globalization;
using FgCrossNet.IO;

namespace FgCrossNet.Data;

/// <summary>
/// A FG-XMedia list file (<c>list/&lt;medium&gt;/train.txt</c> or <c>test.txt</c>): one entry per line,
/// <c>relative/path label</c> separated by whitespace, the label a 0-based integer. LF or CRLF; blank lines ignored.
/// Paths must stay inside the dataset root: absolute paths and <c>..</c> segments are refused.
/// </summary>
public static class ListFile
{
    /// <param name="path">The list file.</param>
    /// <param name="classCount">When given, labels must lie in [0, classCount).</param>
    /// <exception cref="InvalidInputException">At the first malformed line, naming file and line.</exception>
    public static IReadOnlyList<ListEntry> Read(string path, int? classCount = null)
    {
        if (!File.Exists(path)) throw new InvalidInputException(path, "list file not found");
        var entries = new List<ListEntry>();
        foreach (var line in Scan(path, classCount))
            entries.Add(line.Entry ?? throw new InvalidInputException(path, line.Line, line.Problem!.Message));
        if (entries.Count == 0) throw new InvalidInputException(path, "the list holds no entries");
        return entries;
    }

    /// <summary>Every non-blank line of a list file, parsed into an entry or into the reason it is malformed.</summary>
    public static IEnumerable<ListLine> Scan(string path, int? classCount = null)
    {
        int lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            yield return Parse(line, lineNumber, classCount);
        }
    }

    private static ListLine Parse(string line, int lineNumber, int? classCount)
    {
        var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 2)
            return ListLine.Bad(lineNumber, ListLineProblemKind.WrongFieldCount, $"expected 2 fields 'relative/path label', found {fields.Length}");
        if (!int.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var label))
            return ListLine.Bad(lineNumber, ListLineProblemKind.NonIntegerLabel, $"label '{LabelFile.Shorten(fields[1])}' is not an integer");
        if (label < 0 || (classCount is { } n && label >= n))
            return ListLine.Bad(lineNumber, ListLineProblemKind.LabelOutOfRange,
                $"label {label} is out of range{(classCount is { } c ? $" [0, {c})" : "")}");
        if (PathProblem(fields[0]) is { } problem)
            return ListLine.Bad(lineNumber, ListLineProblemKind.PathEscapesRoot, problem);
        return new ListLine(lineNumber, new ListEntry(fields[0].Replace('\\', '/'), label, lineNumber), null);
    }

    /// <summary>Writes entries as <c>path label</c> lines (LF), atomically.</summary>
    public static void Write(string path, IEnumerable<ListEntry> entries) =>
        AtomicFile.WriteAllText(path, string.Concat(entries.Select(e => $"{e.RelativePath} {e.Label.ToString(CultureInfo.InvariantCulture)}\n")));

    /// <summary>Why a list path is refused (absolute, or escaping the root), or null when it is acceptable.</summary>
    public static string? PathProblem(string relativePath)
    {
        var p = relativePath.Replace('\\', '/');
        if (p.StartsWith('/') || Path.IsPathRooted(relativePath) || (p.Length > 1 && p[1] == ':'))
            return $"path '{relativePath}' is absolute; list paths must be relative to the dataset root";
        if (p.Split('/').Any(segment => segment == ".."))
            return $"path '{relativePath}' escapes the dataset root ('..')";
        return null;
    }

    /// <summary>The full path of an entry under <paramref name="root"/>, checked to stay inside it.</summary>
    public static string Resolve(string root, ListEntry entry, string listPath)
    {
        var rootFull = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(rootFull, entry.RelativePath));
        if (!full.StartsWith(rootFull.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidInputException(listPath, entry.Line, $"path '{entry.RelativePath}' escapes the dataset root");
        return full;
    }
}
