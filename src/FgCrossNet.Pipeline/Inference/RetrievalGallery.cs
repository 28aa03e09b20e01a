using System.Text.Json.Nodes;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core;
using FgCrossNet.IO;

namespace FgCrossNet.Inference;

/// <summary>
/// A gallery to search: the output folder of <see cref="FeatureExtraction"/> (per medium: features, labels,
/// <see cref="MediumFeatureWriter.ItemsFileName"/>, and <see cref="FeatureExtraction.DoneFileName"/> naming the dataset
/// root), its media stacked in the order image, text, audio, video.
/// </summary>
public sealed class RetrievalGallery
{
    private RetrievalGallery(string folder, string dataRoot, IReadOnlyList<GalleryItem> items, FeatureMatrix features)
    {
        Folder = folder;
        DataRoot = dataRoot;
        Items = items;
        Features = features;
    }

    public string Folder { get; }

    /// <summary>The dataset root the items' relative paths start from.</summary>
    public string DataRoot { get; }

    public IReadOnlyList<GalleryItem> Items { get; }

    /// <summary>Row i is the feature of <see cref="Items"/>[i].</summary>
    public FeatureMatrix Features { get; }

    /// <summary>Full path of an item (a file, or a video's frame folder).</summary>
    public string FullPath(GalleryItem item) => Path.GetFullPath(Path.Combine(DataRoot, item.RelativePath));

    public static RetrievalGallery Load(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full)) throw new InvalidInputException(full, "gallery folder not found");
        var items = new List<GalleryItem>();
        var rows = new List<float[]>();
        string? dataRoot = null;
        foreach (var medium in Media.All)
        {
            var dir = Path.Combine(full, medium.FolderName());
            var done = Path.Combine(dir, FeatureExtraction.DoneFileName);
            if (!File.Exists(done)) continue;
            dataRoot ??= JsonNode.Parse(File.ReadAllText(done))?["data_root"]?.GetValue<string>();
            var featureFile = FeatureFolder.FeatureFile(full, medium);
            var features = featureFile.EndsWith(".npy", StringComparison.Ordinal) ? NpyFile.Read(featureFile) : FeatureTextFile.Read(featureFile);
            var labels = LabelFile.Read(Path.Combine(dir, FeatureFolder.LabelFileName));
            var itemsFile = Path.Combine(dir, MediumFeatureWriter.ItemsFileName);
            var paths = File.Exists(itemsFile) ? File.ReadAllLines(itemsFile) : throw new InvalidInputException(itemsFile, "not found (extract the gallery with fgcrossnet extract)");
            if (labels.Length != features.Rows || paths.Length != features.Rows)
                throw new InvalidInputException(dir, $"{features.Rows} feature rows, {labels.Length} labels and {paths.Length} items do not match");
            for (int i = 0; i < features.Rows; i++)
            {
                items.Add(new GalleryItem(medium, labels[i], paths[i], items.Count));
                rows.Add(features.Row(i).ToArray());
            }
        }
        if (items.Count == 0 || dataRoot is null)
            throw new InvalidInputException(full, $"no extracted medium (no <medium>/{FeatureExtraction.DoneFileName}); make the gallery with fgcrossnet extract");
        if (rows.Select(r => r.Length).Distinct().Count() != 1) throw new InvalidInputException(full, "the media's features have different widths");
        return new RetrievalGallery(full, dataRoot, items, FeatureMatrix.FromRows(rows));
    }
}
