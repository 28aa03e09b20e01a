using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core;

namespace FgCrossNet.IO;

/// <summary>
/// The on-disk layout of extracted test features, as the reference implementation's test script writes it:
/// <c>FEATURES/&lt;medium&gt;/features_te.txt</c> (or <c>features_te.npy</c>, preferred when both exist) and
/// <c>LABELS/&lt;medium&gt;/testlabel.txt</c>, for medium in image, text, audio, video.
/// </summary>
public static class FeatureFolder
{
    public const string TextFileName = "features_te.txt";
    public const string NpyFileName = "features_te.npy";
    public const string LabelFileName = "testlabel.txt";

    /// <summary>The file a medium's features are read from: the .npy when present, else the text file.</summary>
    public static string FeatureFile(string featuresDir, Medium medium)
    {
        var dir = Path.Combine(featuresDir, medium.FolderName());
        var npy = Path.Combine(dir, NpyFileName);
        return File.Exists(npy) ? npy : Path.Combine(dir, TextFileName);
    }

    /// <summary>Loads and cross-checks the features and labels of the given media.</summary>
    public static IReadOnlyList<MediumFeatures> Load(string featuresDir, string labelsDir, IEnumerable<Medium> media)
    {
        if (!Directory.Exists(featuresDir)) throw new InvalidInputException(featuresDir, "features folder not found");
        if (!Directory.Exists(labelsDir)) throw new InvalidInputException(labelsDir, "labels folder not found");
        var result = new List<MediumFeatures>();
        foreach (var medium in media)
        {
            var mediumDir = Path.Combine(featuresDir, medium.FolderName());
            if (!Directory.Exists(mediumDir)) throw new InvalidInputException(mediumDir, $"{medium.FolderName()} feature folder not found");
            var featurePath = FeatureFile(featuresDir, medium);
            if (!File.Exists(featurePath))
                throw new InvalidInputException(mediumDir, $"holds neither {NpyFileName} nor {TextFileName}");
            var features = featurePath.EndsWith(".npy", StringComparison.Ordinal) ? NpyFile.Read(featurePath) : FeatureTextFile.Read(featurePath);
            var labelPath = Path.Combine(labelsDir, medium.FolderName(), LabelFileName);
            var labels = LabelFile.Read(labelPath);
            if (labels.Length != features.Rows)
                throw new InvalidInputException(featurePath, $"{features.Rows} feature rows but {labels.Length} labels in {labelPath}");
            if (result.Count > 0 && result[0].Features.Dimension != features.Dimension)
                throw new InvalidInputException(featurePath, $"{features.Dimension} values per row, but {result[0].Medium.FolderName()} features have {result[0].Features.Dimension}");
            result.Add(new MediumFeatures(medium, features, labels));
        }
        return result;
    }

    /// <summary>Writes features (text and .npy) and labels in the layout <see cref="Load"/> reads.</summary>
    public static void Save(string featuresDir, string labelsDir, IEnumerable<MediumFeatures> media, bool writeText = true, bool writeNpy = true)
    {
        foreach (var m in media)
        {
            var dir = Path.Combine(featuresDir, m.Medium.FolderName());
            if (writeText) FeatureTextFile.Write(Path.Combine(dir, TextFileName), m.Features);
            if (writeNpy) NpyFile.Write(Path.Combine(dir, NpyFileName), m.Features);
            LabelFile.Write(Path.Combine(labelsDir, m.Medium.FolderName(), LabelFileName), m.Labels);
        }
    }
}
