using FgCrossNet.Core;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// Image-like items (photos, video frames taken one by one, audio spectrogram images) of a list file, prepared as
/// float32 [3, Crop, Crop] by an <see cref="ImagePreprocessor"/>. Files are decoded when prepared.
/// </summary>
public sealed class ImageListDataset : IListDataset<float>
{
    private readonly IReadOnlyList<ListEntry> _entries;
    private readonly string[] _paths;

    /// <summary>
    /// Reads <paramref name="listPath"/> (entries relative to <paramref name="root"/>). With a
    /// <paramref name="classCount"/>, labels must lie in [0, classCount). With <paramref name="requireFiles"/>, every
    /// listed file must exist now (the error names the first missing one's line).
    /// </summary>
    public ImageListDataset(string root, string listPath, Medium medium, ImagePreprocessOptions options, int? classCount = null, bool requireFiles = true)
        : this(root, listPath, ListFile.Read(listPath, classCount), medium, options, requireFiles) { }

    /// <summary>Uses entries already read from <paramref name="listPath"/>.</summary>
    public ImageListDataset(string root, string listPath, IReadOnlyList<ListEntry> entries, Medium medium, ImagePreprocessOptions options, bool requireFiles = true)
    {
        if (medium == Medium.Text) throw new ArgumentException("text is not image-like; use TextListDataset", nameof(medium));
        Root = Path.GetFullPath(root);
        ListPath = listPath;
        Medium = medium;
        Preprocessor = new ImagePreprocessor(options);
        _entries = entries;
        _paths = ListEntryFiles.ResolveAll(Root, listPath, entries, requireFiles);
        ItemShape = [3, options.Crop, options.Crop];
    }

    public string Root { get; }

    public string ListPath { get; }

    public Medium Medium { get; }

    public ImagePreprocessor Preprocessor { get; }

    /// <summary>
    /// When set, resized images are kept in memory and later epochs skip decoding and resizing (same results).
    /// Set it before loading starts.
    /// </summary>
    public ResizedImageCache? Cache { get; set; }

    public int Count => _entries.Count;

    public IReadOnlyList<ListEntry> Entries => _entries;

    public IReadOnlyList<long> ItemShape { get; }

    public int ItemLength => Preprocessor.ItemLength;

    public ListEntry Entry(int index) => _entries[index];

    public int Label(int index) => _entries[index].Label;

    /// <summary>The absolute path of item <paramref name="index"/>.</summary>
    public string FullPath(int index) => _paths[index];

    public void Prepare(int index, Random? random, Span<float> destination)
    {
        if (Cache is { } cache && cache.TryGet(index, out var cached))
        {
            Preprocessor.PreprocessResized(cached, random, destination);
            return;
        }
        try
        {
            using var image = ImageDecoder.Decode(_paths[index]);
            if (Cache is null)
            {
                Preprocessor.Preprocess(image, random, destination);
                return;
            }
            var resized = Preprocessor.Resize(image);
            Cache.TryAdd(index, resized);
            Preprocessor.PreprocessResized(resized, random, destination);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw ListEntryFiles.ItemError(ListPath, _entries[index], "decode image", e);
        }
    }
}
