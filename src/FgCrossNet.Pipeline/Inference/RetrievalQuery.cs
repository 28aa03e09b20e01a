using FgCrossNet.Core;
using FgCrossNet.Data.Loading;
using FgCrossNet.IO;

namespace FgCrossNet.Inference;

/// <summary>
/// A query of any medium and its feature: an image or spectrogram file (image, audio), a text file or literal text
/// (text), or a folder of frames (video: <see cref="FrameSampling.Select"/> over its image files in name order, the
/// mean of their features, as extraction does).
/// </summary>
public sealed record RetrievalQuery(Medium Medium, string Source, float[] Feature)
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".bmp", ".webp"];

    /// <summary>
    /// Embeds <paramref name="pathOrText"/>. Its medium is <paramref name="medium"/> when given, else: a folder is a
    /// video, a <c>.txt</c> file a text, an image file an image, anything that is not a file literal text.
    /// </summary>
    public static RetrievalQuery Embed(IFeatureExtractor extractor, string pathOrText, Medium? medium = null)
    {
        bool isFolder = Directory.Exists(pathOrText), isFile = File.Exists(pathOrText);
        var kind = medium ?? (isFolder ? Medium.Video
            : isFile && !ImageExtensions.Contains(Path.GetExtension(pathOrText).ToLowerInvariant()) ? Medium.Text
            : isFile ? Medium.Image
            : Medium.Text);
        switch (kind)
        {
            case Medium.Text:
            {
                string text = pathOrText;
                if (isFile)
                {
                    var (read, problem) = new TextInputEncoder(extractor.Metadata.Text).TryRead(pathOrText);
                    text = read ?? throw new InvalidInputException(Path.GetFullPath(pathOrText), problem!);
                }
                var result = extractor.Texts([text]).Single();
                return new RetrievalQuery(kind, isFile ? Path.GetFullPath(pathOrText) : text,
                    result.Features ?? throw new InvalidInputException(isFile ? Path.GetFullPath(pathOrText) : "query text", result.Problem!));
            }
            case Medium.Video:
            {
                if (!isFolder) throw new InvalidInputException(pathOrText, "a video query is a folder of frame images");
                var frames = Directory.GetFiles(pathOrText).Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Order(StringComparer.Ordinal).ToArray();
                if (frames.Length == 0) throw new InvalidInputException(Path.GetFullPath(pathOrText), "the folder holds no frame images");
                var metadata = extractor.Metadata;
                var sampled = FrameSampling.Select(metadata.VideoFrames, frames.Length, metadata.VideoEvalFrames).Select(i => frames[i]).ToArray();
                var results = extractor.Images(sampled).Where(r => r.IsValid).ToArray();
                if (results.Length == 0) throw new InvalidInputException(Path.GetFullPath(pathOrText), "no sampled frame could be read");
                return new RetrievalQuery(kind, Path.GetFullPath(pathOrText), VideoFeaturePooling.Pool(metadata.VideoPooling, results, metadata.RetrievalFeature));
            }
            default:
            {
                if (!isFile) throw new InvalidInputException(pathOrText, $"an {kind.FolderName()} query is an image file (audio: its spectrogram image, see prepare-audio)");
                var result = extractor.Images([pathOrText]).Single();
                return new RetrievalQuery(kind, Path.GetFullPath(pathOrText),
                    result.Features ?? throw new InvalidInputException(Path.GetFullPath(pathOrText), result.Problem!));
            }
        }
    }

    /// <summary>The <paramref name="top"/> nearest gallery items by cosine distance (ties by gallery order, as eval ranks).</summary>
    public IReadOnlyList<RetrievalHit> Search(RetrievalGallery gallery, int top, IReadOnlyCollection<Medium>? media = null)
    {
        if (top < 1) throw new ArgumentException($"--top must be at least 1, got {top}");
        if (Feature.Length != gallery.Features.Dimension)
            throw new InvalidInputException(gallery.Folder, $"gallery features have {gallery.Features.Dimension} values but the model gives {Feature.Length}: extracted with another model?");
        var kernel = new Core.Retrieval.CosineSimilarityKernel(gallery.Features);
        var query = new Core.Retrieval.FeatureMatrix(Core.Retrieval.CosineSimilarityKernel.MicroRows, Feature.Length,
            [.. Feature, .. new float[(Core.Retrieval.CosineSimilarityKernel.MicroRows - 1) * Feature.Length]]);
        var normalised = Core.Retrieval.CosineSimilarityKernel.Normalise(query, Core.Retrieval.CosineSimilarityKernel.MicroRows);
        var similarities = new float[Core.Retrieval.CosineSimilarityKernel.MicroRows * kernel.PaddedGallerySize];
        kernel.Compute(normalised, 0, Core.Retrieval.CosineSimilarityKernel.MicroRows, similarities);
        return gallery.Items
            .Where(item => media is null || media.Contains(item.Medium))
            .Select(item => (Item: item, Distance: 1.0 - similarities[item.Row]))
            .OrderBy(h => h.Distance).ThenBy(h => h.Item.Row)
            .Take(top)
            .Select((h, i) => new RetrievalHit(i + 1, h.Item, h.Distance))
            .ToArray();
    }
}
