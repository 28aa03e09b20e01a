using System.Globalization;
using System.Text;
using FgCrossNet.Core;
using FgCrossNet.IO;

namespace FgCrossNet.Data.Manifests;

/// <summary>
/// The classes of a dataset (ids 0..N-1) and the folder names each goes by, read from a manifest's
/// <c>classes.tsv</c> (columns <c>id image_folder text_folder audio_folder display_name</c>, tab-separated, one header
/// line) or from a dataset root's <c>classes.txt</c> (lines <c>&lt;id&gt; &lt;folder_name&gt;</c>).
/// </summary>
public sealed class ClassTable
{
    /// <summary>The header line of classes.tsv.</summary>
    public const string TsvHeader = "id\timage_folder\ttext_folder\taudio_folder\tdisplay_name";

    private readonly Dictionary<string, int> _byFolder = new(StringComparer.Ordinal);

    public ClassTable(IReadOnlyList<ClassInfo> classes, string source)
    {
        for (int i = 0; i < classes.Count; i++)
        {
            if (classes[i].Id != i) throw new InvalidInputException(source, $"class ids must be 0..{classes.Count - 1} in order; found {classes[i].Id} at position {i}");
            foreach (var folder in classes[i].FolderNames)
            {
                if (_byFolder.TryGetValue(folder, out var other) && other != i)
                    throw new InvalidInputException(source, $"folder name '{folder}' belongs to classes {other} and {i}");
                _byFolder[folder] = i;
            }
        }
        Classes = classes;
        Source = source;
    }

    public IReadOnlyList<ClassInfo> Classes { get; }

    /// <summary>The file the table was read from.</summary>
    public string Source { get; }

    public int Count => Classes.Count;

    /// <summary>The label of a class folder name (any medium's spelling), or null when unknown.</summary>
    public int? LabelOfFolder(string folder) => _byFolder.TryGetValue(folder, out var id) ? id : null;

    /// <summary>The folder name the class has in <paramref name="medium"/>'s paths (video: the image folder name).</summary>
    public string FolderName(int label, Medium medium) => medium switch
    {
        Medium.Text => Classes[label].TextFolder,
        Medium.Audio => Classes[label].AudioFolder,
        _ => Classes[label].ImageFolder,
    };

    /// <summary>Reads a manifest's classes.tsv.</summary>
    public static ClassTable ReadTsv(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException(path, "class table not found");
        var classes = new List<ClassInfo>();
        int line = 0;
        foreach (var raw in File.ReadLines(path))
        {
            line++;
            if (line == 1)
            {
                if (raw.TrimEnd() != TsvHeader) throw new InvalidInputException(path, 1, $"expected the header '{TsvHeader.Replace("\t", "<tab>")}'");
                continue;
            }
            if (raw.Trim().Length == 0) continue;
            var f = raw.TrimEnd('\r').Split('\t');
            if (f.Length != 5) throw new InvalidInputException(path, line, $"expected 5 tab-separated fields, found {f.Length}");
            if (!int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                throw new InvalidInputException(path, line, $"class id '{LabelFile.Shorten(f[0])}' is not a non-negative integer");
            if (f.Take(4).Any(s => s.Length == 0)) throw new InvalidInputException(path, line, "empty folder name");
            classes.Add(new ClassInfo(id, f[1], f[2], f[3], f[4]));
        }
        if (classes.Count == 0) throw new InvalidInputException(path, "the class table holds no classes");
        return new ClassTable(classes, path);
    }

    /// <summary>Writes classes.tsv (LF line ends), atomically.</summary>
    public void WriteTsv(string path)
    {
        var text = new StringBuilder(TsvHeader).Append('\n');
        foreach (var c in Classes)
            text.Append(CultureInfo.InvariantCulture, $"{c.Id}\t{c.ImageFolder}\t{c.TextFolder}\t{c.AudioFolder}\t{c.DisplayName}\n");
        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>
    /// Reads a dataset root's <c>classes.txt</c> (format: <see cref="ClassListFile"/>, 0-based ids): the folder name is
    /// the image folder, its bare name (without <c>NNN.</c>) the text and audio folder.
    /// </summary>
    public static ClassTable ReadClassesTxt(string path)
    {
        var folders = ClassListFile.Read(path);
        var classes = folders.Select((folder, label) =>
        {
            var bare = ClassListFile.BareName(folder);
            return new ClassInfo(label, folder, bare, bare, DisplayNameOf(folder));
        }).ToArray();
        return new ClassTable(classes, path);
    }

    /// <summary>
    /// A readable name from a folder name: the number prefix dropped, and underscores turned into a hyphen before a
    /// word that starts in lower case and a space otherwise (<c>001.Black_footed_Albatross</c> → "Black-footed
    /// Albatross", <c>159.Black_and_white_Warbler</c> → "Black-and-white Warbler"). Apostrophes that CUB folder names
    /// lost are not restored ("Chuck-will Widow").
    /// </summary>
    public static string DisplayNameOf(string folder)
    {
        var words = ClassListFile.BareName(folder).Split('_', StringSplitOptions.RemoveEmptyEntries);
        var name = new StringBuilder();
        foreach (var word in words)
        {
            if (name.Length > 0) name.Append(char.IsLower(word[0]) ? '-' : ' ');
            name.Append(word);
        }
        return name.ToString();
    }
}
