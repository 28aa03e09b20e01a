using FgCrossNet.Core;
using FgCrossNet.Data.Loading;

namespace FgCrossNet.Data;

/// <summary>
/// How many items a dataset root holds, per medium, split and class, read from its lists (<c>list/&lt;medium&gt;/{train,test}.txt</c>).
/// Videos are counted as videos (consecutive frames of one folder), not frames. Media without lists are absent.
/// </summary>
public sealed class DatasetInventory
{
    private DatasetInventory(string root, IReadOnlyList<string> classes, IReadOnlyDictionary<(Medium, string), IReadOnlyList<ListEntry>> items)
    {
        Root = root;
        Classes = classes;
        Items = items;
    }

    /// <summary>The dataset root (absolute).</summary>
    public string Root { get; }

    /// <summary>Class folder names by label, from <c>classes.txt</c>.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The items of each (medium, split): one entry per item (a video's first frame stands for the video).</summary>
    public IReadOnlyDictionary<(Medium Medium, string Split), IReadOnlyList<ListEntry>> Items { get; }

    public IEnumerable<Medium> Media => Items.Keys.Select(k => k.Medium).Distinct().Order();

    public static DatasetInventory Read(string root, IEnumerable<string>? splits = null)
    {
        var layout = new DatasetLayout(root);
        var classes = ClassListFile.Read(Path.Combine(layout.Root, ClassListFile.FileName));
        var items = new Dictionary<(Medium, string), IReadOnlyList<ListEntry>>();
        foreach (var medium in FgCrossNet.Core.Media.All)
            foreach (var split in splits ?? ["train", "test"])
            {
                var path = layout.ListPath(medium, split);
                if (!File.Exists(path)) continue;
                var entries = ListFile.Read(path, classes.Count);
                items[(medium, split)] = medium == Medium.Video
                    ? [.. VideoGrouping.Group(entries, path).Select(c => c.Frames[0])]
                    : entries;
            }
        return new DatasetInventory(layout.Root, classes, items);
    }

    /// <summary>Items of <paramref name="medium"/> in <paramref name="split"/> (0 when the list is absent).</summary>
    public int Count(Medium medium, string split) => Items.TryGetValue((medium, split), out var e) ? e.Count : 0;

    /// <summary>One row per class: its label, name and item count per medium (train + test, or one split).</summary>
    public IReadOnlyList<ClassCounts> PerClass(string? split = null)
    {
        var rows = new List<ClassCounts>();
        for (int label = 0; label < Classes.Count; label++)
        {
            int Of(Medium m) => Items.Where(kv => kv.Key.Medium == m && (split is null || kv.Key.Split == split)).Sum(kv => kv.Value.Count(e => e.Label == label));
            rows.Add(new ClassCounts(label, ClassListFile.BareName(Classes[label]), Of(Medium.Image), Of(Medium.Text), Of(Medium.Audio), Of(Medium.Video)));
        }
        return rows;
    }

    /// <summary>
    /// Absolute paths of the first <paramref name="count"/> items of class <paramref name="label"/> in one medium and split
    /// (for video: the folders of its clips' frames).
    /// </summary>
    public IReadOnlyList<string> ItemsOf(Medium medium, int label, string split = "train", int count = 1)
    {
        if (!Items.TryGetValue((medium, split), out var entries)) return [];
        var paths = entries.Where(e => e.Label == label).Take(count).Select(e => Path.GetFullPath(Path.Combine(Root, e.RelativePath)));
        return [.. medium == Medium.Video ? paths.Select(p => Path.GetDirectoryName(p)!) : paths];
    }
}

/// <summary>Items of one class per medium.</summary>
public sealed record ClassCounts(int Label, string Name, int Image, int Text, int Audio, int Video);
