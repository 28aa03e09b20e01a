using System.Text.Json;
using System.Text.Json.Serialization;
using FgCrossNet.Core;
using FgCrossNet.IO;

namespace FgCrossNet.Data.Manifests;

/// <summary>
/// A data manifest: what a complete FG-XMedia-style dataset root holds. A manifest folder has <c>manifest.json</c>
/// (name, class count, per-medium expectations), <c>classes.tsv</c> (<see cref="ClassTable"/>) and copies of the
/// official test lists under <c>list/&lt;medium&gt;/</c>. The built-in one, "fg-xmedia", lives in the repository's
/// <c>data-manifests/fg-xmedia/</c>.
/// </summary>
public sealed class FgxManifest
{
    /// <summary>Environment variable naming a folder of manifests (each in a sub-folder named after it).</summary>
    public const string ManifestsEnvironmentVariable = "FGCROSSNET_MANIFESTS";

    /// <summary>The manifest file inside a manifest folder.</summary>
    public const string FileName = "manifest.json";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // A file for people and tools, not HTML: keep '<', '>' and quotes readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private FgxManifest(string folder, ManifestFile file, ClassTable classes)
    {
        Folder = folder;
        Name = file.Name;
        Title = file.Title;
        ClassCount = file.ClassCount;
        Classes = classes;
        Media = file.Media;
    }

    /// <summary>The manifest folder (absolute).</summary>
    public string Folder { get; }

    public string Name { get; }

    public string Title { get; }

    public int ClassCount { get; }

    public ClassTable Classes { get; }

    /// <summary>The media the manifest describes, in stacking order.</summary>
    public IReadOnlyList<ManifestMedium> Media { get; }

    public ManifestMedium? MediumOf(Medium medium) => Media.FirstOrDefault(m => m.Medium == medium);

    /// <summary>The official test list of a medium, or null when the manifest has none (video).</summary>
    public IReadOnlyList<ListEntry>? OfficialTestEntries(Medium medium) =>
        MediumOf(medium)?.OfficialTestList is { } relative ? ListFile.Read(Path.Combine(Folder, relative), ClassCount) : null;

    /// <summary>The official test labels of a medium (one per test item; per video for video), or null.</summary>
    public int[]? OfficialTestLabels(Medium medium) =>
        MediumOf(medium)?.OfficialTestLabels is { } relative ? LabelFile.Read(Path.Combine(Folder, relative)) : null;

    /// <summary>Loads a manifest folder.</summary>
    public static FgxManifest Load(string folder)
    {
        var full = Path.GetFullPath(folder);
        var path = Path.Combine(full, FileName);
        if (!File.Exists(path)) throw new InvalidInputException(path, "manifest not found");
        ManifestFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ManifestFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(path, (int?)(e.LineNumber + 1), $"not a valid manifest: {e.Message}");
        }
        if (file is null || string.IsNullOrWhiteSpace(file.Name) || file.ClassCount <= 0 || file.Media is null || file.Media.Count == 0)
            throw new InvalidInputException(path, "the manifest needs a name, a positive classCount and at least one medium");
        var classes = ClassTable.ReadTsv(Path.Combine(full, file.ClassTable));
        if (classes.Count != file.ClassCount)
            throw new InvalidInputException(path, $"classCount is {file.ClassCount} but {file.ClassTable} lists {classes.Count} classes");
        return new FgxManifest(full, file, classes);
    }

    /// <summary>
    /// Finds a manifest by name or path: an existing folder (or a manifest.json file) is loaded as it is; a name such as
    /// "fg-xmedia" is looked up in <see cref="ManifestsEnvironmentVariable"/>'s folder, then in a <c>data-manifests</c>
    /// folder next to or above the executable and the current directory (the repository's).
    /// </summary>
    public static FgxManifest Resolve(string nameOrPath)
    {
        if (File.Exists(nameOrPath) && Path.GetFileName(nameOrPath) == FileName) return Load(Path.GetDirectoryName(Path.GetFullPath(nameOrPath))!);
        if (Directory.Exists(nameOrPath)) return Load(nameOrPath);
        if (nameOrPath.Contains('/') || nameOrPath.Contains('\\'))
            throw new InvalidInputException(nameOrPath, "manifest folder not found");
        var searched = SearchFolders().ToList();
        foreach (var folder in searched)
        {
            var candidate = Path.Combine(folder, nameOrPath);
            if (File.Exists(Path.Combine(candidate, FileName))) return Load(candidate);
        }
        throw new InvalidInputException(nameOrPath,
            $"no manifest of that name; looked in {string.Join(", ", searched.DefaultIfEmpty("(no data-manifests folder found)"))}; " +
            $"set {ManifestsEnvironmentVariable} or pass the manifest folder's path");
    }

    private static IEnumerable<string> SearchFolders()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (Environment.GetEnvironmentVariable(ManifestsEnvironmentVariable) is { Length: > 0 } env && seen.Add(Path.GetFullPath(env)))
            yield return Path.GetFullPath(env);
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data-manifests");
                if (Directory.Exists(candidate) && seen.Add(candidate)) yield return candidate;
            }
        }
    }

    /// <summary>The JSON form of manifest.json.</summary>
    internal sealed record ManifestFile(
        string Name,
        string Title,
        int ClassCount,
        string ClassTable,
        IReadOnlyList<ManifestMedium> Media,
        IReadOnlyList<string> Layout);
}
