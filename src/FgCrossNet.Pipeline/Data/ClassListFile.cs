using System.Globalization;
using FgCrossNet.IO;

namespace FgCrossNet.Data;

/// <summary>
/// A dataset root's class list, <c>classes.txt</c>: one line per class, <c>&lt;id&gt; &lt;folder&gt;</c>, where the id is the
/// 0-based label and the folder is the image folder's name (e.g. <c>001.Black_footed_Albatross</c>, or a bare name).
/// Text, audio and video folders use the name without its <c>NNN.</c> number (<see cref="BareName"/>). Ids must be
/// 0..n-1, each once, in any order; blank lines are ignored; LF or CRLF.
/// </summary>
public static class ClassListFile
{
    public const string FileName = "classes.txt";

    /// <summary>The folder names, indexed by label.</summary>
    public static IReadOnlyList<string> Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException(path, "class list not found");
        var byId = new Dictionary<int, string>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2)
                throw new InvalidInputException(path, lineNumber, $"expected 2 fields '<id> <folder>', found {fields.Length}");
            if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                throw new InvalidInputException(path, lineNumber, $"id '{LabelFile.Shorten(fields[0])}' is not a non-negative integer");
            if (byId.ContainsKey(id)) throw new InvalidInputException(path, lineNumber, $"id {id} appears twice");
            var bare = BareName(fields[1]);
            if (lineOf.TryGetValue(bare, out var first))
                throw new InvalidInputException(path, lineNumber, $"class '{bare}' appears twice (first on line {first})");
            lineOf[bare] = lineNumber;
            byId[id] = fields[1];
        }
        if (byId.Count == 0) throw new InvalidInputException(path, "the class list holds no classes");
        for (int id = 0; id < byId.Count; id++)
            if (!byId.ContainsKey(id)) throw new InvalidInputException(path, $"ids must be 0..{byId.Count - 1}; {id} is missing");
        return [.. Enumerable.Range(0, byId.Count).Select(id => byId[id])];
    }

    /// <summary>Writes <c>&lt;id&gt; &lt;folder&gt;</c> lines (LF), the id being the index, atomically.</summary>
    public static void Write(string path, IReadOnlyList<string> folders) =>
        AtomicFile.WriteAllText(path, string.Concat(folders.Select((f, i) => $"{i.ToString(CultureInfo.InvariantCulture)} {f}\n")));

    /// <summary>The folder name without a leading <c>NNN.</c> class number: <c>001.Black_footed_Albatross</c> gives <c>Black_footed_Albatross</c>.</summary>
    public static string BareName(string folder)
    {
        int dot = folder.IndexOf('.');
        return dot > 0 && !folder.AsSpan(0, dot).ContainsAnyExceptInRange('0', '9') ? folder[(dot + 1)..] : folder;
    }

    /// <summary>True when the folder name starts with a <c>NNN.</c> class number.</summary>
    public static bool IsNumbered(string folder) => BareName(folder).Length != folder.Length;
}
