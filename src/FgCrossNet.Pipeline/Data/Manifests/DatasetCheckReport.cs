using System.Globalization;
using System.Text;

namespace FgCrossNet.Data.Manifests;

/// <summary>The result of <see cref="DatasetCheck"/>: per-medium summaries and the problems found, counted per kind.</summary>
public sealed class DatasetCheckReport
{
    private readonly Dictionary<DatasetProblemKind, int> _counts = new();
    private readonly Dictionary<DatasetProblemKind, List<DatasetProblem>> _examples = new();
    private readonly int _examplesPerKind;

    internal DatasetCheckReport(string root, string? manifestName, string classSource, int examplesPerKind)
    {
        Root = root;
        ManifestName = manifestName;
        ClassSource = classSource;
        _examplesPerKind = Math.Max(1, examplesPerKind);
    }

    public string Root { get; }

    /// <summary>The manifest checked against, or null when the root was checked against its own lists.</summary>
    public string? ManifestName { get; }

    /// <summary>Where the class table came from (or why there is none).</summary>
    public string ClassSource { get; }

    public List<MediumCheckSummary> Media { get; } = [];

    /// <summary>Items decoded (images) or read (texts) and the seconds it took; null for a listing-only check.</summary>
    public (int Items, double Seconds)? Decoded { get; internal set; }

    /// <summary>True when no problem was found.</summary>
    public bool Ok => _counts.Count == 0;

    /// <summary>Problems of a kind (all counted, even those beyond the kept examples).</summary>
    public int CountOf(DatasetProblemKind kind) => _counts.GetValueOrDefault(kind);

    /// <summary>The kinds found, in enum order.</summary>
    public IReadOnlyList<DatasetProblemKind> Kinds => _counts.Keys.Order().ToArray();

    /// <summary>The first problems of a kind, in the order found.</summary>
    public IReadOnlyList<DatasetProblem> Examples(DatasetProblemKind kind) =>
        _examples.TryGetValue(kind, out var list) ? list : [];

    internal void Add(DatasetProblem problem)
    {
        lock (_counts)
        {
            _counts[problem.Kind] = CountOf(problem.Kind) + 1;
            if (!_examples.TryGetValue(problem.Kind, out var list)) _examples[problem.Kind] = list = [];
            if (list.Count < _examplesPerKind) list.Add(problem);
        }
    }

    internal void Add(DatasetProblemKind kind, string message, string? file = null, int? line = null) =>
        Add(new DatasetProblem(kind, message, file, line));

    /// <summary>A human-readable report: a table of media, then each problem kind with its count and first examples.</summary>
    public string Format(int examplesShown = 10)
    {
        var text = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        text.AppendLine(ci, $"Dataset root: {Root}");
        text.AppendLine(ManifestName is null ? "Checked against: the root's own lists (no manifest)" : $"Checked against: manifest '{ManifestName}'");
        text.AppendLine(ci, $"Classes: {ClassSource}");
        text.AppendLine();
        text.AppendLine("medium   train lines   test lines   test items   expected   files on disk");
        foreach (var m in Media)
            text.AppendLine(ci, $"{m.Medium.ToString().ToLowerInvariant(),-6} {Count(m.TrainEntries),13} {Count(m.TestEntries),12} {Count(m.TestItems),12} {Count(m.ExpectedTestItems),10} {m.FilesOnDisk,15:N0}");
        text.AppendLine();
        text.AppendLine(Decoded is var (items, seconds)
            ? string.Create(ci, $"Contents: decoded {items:N0} items in {seconds:F1} s ({(seconds > 0 ? items / seconds : 0):N0} items/s)")
            : "Contents: listing only, no file was opened");
        if (Ok)
        {
            text.AppendLine("OK: the root matches its lists" + (ManifestName is null ? "." : $" and the manifest '{ManifestName}'."));
            return text.ToString();
        }
        text.AppendLine(ci, $"PROBLEMS: {_counts.Values.Sum():N0} in {_counts.Count} kind(s)");
        foreach (var kind in Kinds)
        {
            int count = CountOf(kind);
            var shown = Examples(kind).Take(examplesShown).ToArray();
            text.AppendLine(ci, $"  {Describe(kind)}: {count:N0}{(count > shown.Length ? $" (first {shown.Length} shown)" : "")}");
            foreach (var p in shown) text.AppendLine(ci, $"    {p}");
        }
        return text.ToString();
    }

    private static string Count(int? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "-";

    /// <summary>A short lower-case description of a kind, e.g. "missing files".</summary>
    public static string Describe(DatasetProblemKind kind) => kind switch
    {
        DatasetProblemKind.MissingListFile => "missing list files",
        DatasetProblemKind.WrongFieldCount => "list lines with a wrong number of fields",
        DatasetProblemKind.NonIntegerLabel => "labels that are not integers",
        DatasetProblemKind.LabelOutOfRange => "labels out of range",
        DatasetProblemKind.PathEscapesRoot => "paths escaping the root (refused)",
        DatasetProblemKind.PathOutsideMediaFolder => "paths outside their medium's folder",
        DatasetProblemKind.DuplicateEntry => "duplicate list entries",
        DatasetProblemKind.TrainTestOverlap => "files in both train and test lists",
        DatasetProblemKind.MissingFile => "missing files",
        DatasetProblemKind.ExtraFile => "extra files (in media folders, in no list)",
        DatasetProblemKind.Mislabelled => "mislabelled entries",
        DatasetProblemKind.UnknownClassFolder => "unknown class folders",
        DatasetProblemKind.TestLabelMismatch => "testlabel.txt disagreeing with test.txt",
        DatasetProblemKind.OfficialListMismatch => "test lists differing from the official ones",
        DatasetProblemKind.CountMismatch => "count mismatches",
        DatasetProblemKind.VideoGrouping => "video grouping problems",
        DatasetProblemKind.UnreadableImage => "unreadable images",
        DatasetProblemKind.UnreadableText => "unreadable texts",
        _ => kind.ToString(),
    };
}
