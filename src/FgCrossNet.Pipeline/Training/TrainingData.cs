using System.Diagnostics;
using System.Globalization;
using FgCrossNet.Data.Loading;
using FgCrossNet.IO;

namespace FgCrossNet.Training;

/// <summary>
/// The datasets of a run: the training split of every medium in <c>data.media</c> (video frame by frame, augmented
/// when <c>data.augment</c> is on; resized images cached in memory) and the <see cref="ValidationSet"/>. Opening checks
/// every list file and listed file, so data problems surface before any work, naming the file; <see cref="CheckItems"/>
/// then reads every item.
/// </summary>
public sealed class TrainingData
{
    /// <summary>Resized images kept in memory per training dataset (bytes).</summary>
    public const long CacheBytesPerDataset = 1L << 30;

    private readonly List<UnreadableItem> _unreadable = [];
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);

    private TrainingData(string root, CrossMediaDatasets train, ValidationSet validation)
    {
        Root = root;
        Train = train;
        Validation = validation;
    }

    public string Root { get; }

    public CrossMediaDatasets Train { get; }

    public ValidationSet Validation { get; }

    /// <summary>The items left out under <c>data.skip_bad_items</c> (found by <see cref="CheckItems"/> or by a loader): one error message each (list file, line, path, reason).</summary>
    public IReadOnlyList<string> SkippedItems
    {
        get
        {
            lock (_skipped) return [.. _skipped.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>The training loader of one stage: its media (<c>stageN.media</c>), batch and steps per epoch; items found unreadable are never drawn.</summary>
    public CrossMediaLoader Loader(ExperimentConfig config, StageConfig stage)
    {
        var loader = new CrossMediaLoader(Train.Only([.. LoaderOptionsMapping.Media(config, stage)]), LoaderOptionsMapping.Loader(config, stage));
        foreach (var bad in _unreadable)
            if (ReferenceEquals(Train.Get(bad.Dataset.Medium), bad.Dataset)) loader.Statistics.MarkBad(bad.Dataset.Medium, bad.Index, bad.Error.Message);
        return loader;
    }

    /// <summary>Adds the bad items a loader met during an epoch (files that became unreadable after <see cref="CheckItems"/>) to <see cref="SkippedItems"/>.</summary>
    public void NoteSkipped(LoaderStatistics statistics)
    {
        lock (_skipped) _skipped.UnionWith(statistics.BadItemMessages);
    }

    /// <summary>
    /// Reads every training and validation item once (<see cref="ListItemCheck"/>), before a run depends on them. An
    /// unreadable item stops here, naming the first one's list file, line and path and counting the others; with
    /// <c>data.skip_bad_items</c> the unreadable items are logged and left out instead: the training loaders never
    /// draw them, validation does not score them, and <see cref="SkippedItems"/> lists them.
    /// </summary>
    public void CheckItems(ExperimentConfig config, Action<string>? log = null)
    {
        var datasets = Media().Concat(Validation.Datasets).ToArray();
        int total = datasets.Sum(d => d.Count);
        var clock = Stopwatch.StartNew();
        var unreadable = ListItemCheck.Run(datasets);
        log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"read all {total:N0} training and validation items in {clock.Elapsed.TotalSeconds:F1} s ({total / Math.Max(1e-9, clock.Elapsed.TotalSeconds):N0} items/s): {unreadable.Count} unreadable"));
        if (unreadable.Count == 0) return;
        if (!config.Data.SkipBadItems)
        {
            var first = unreadable[0].Error;
            var more = unreadable.Count > 1 ? $" ({unreadable.Count - 1} more unreadable items; 'fgcrossnet data check --root {Root}' lists them)" : "";
            throw new InvalidInputException(first.Path, first.Line, first.Problem + more + "; data.skip_bad_items=true leaves such items out");
        }
        _unreadable.AddRange(unreadable);
        foreach (var bad in unreadable)
        {
            log?.Invoke($"skipped (data.skip_bad_items): {bad.Error.Message}");
            lock (_skipped) _skipped.Add(bad.Error.Message);
        }
        var validation = Validation.Datasets;
        foreach (var group in unreadable.Where(b => validation.Contains(b.Dataset)).GroupBy(b => b.Dataset.Medium))
            Validation.Exclude(group.Key, group.Select(b => b.Index));
    }

    private IEnumerable<IListDataset> Media() => Core.Media.All.Select(Train.Get).OfType<IListDataset>();

    public static TrainingData Open(ExperimentConfig config, string root)
    {
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root)) throw new InvalidInputException(root, "the dataset root does not exist");
        var train = CrossMediaDatasets.Open(root, "train", LoaderOptionsMapping.Image(config, training: true),
            LoaderOptionsMapping.Text(config, training: true), LoaderOptionsMapping.Media(config), config.Model.Classes);
        foreach (var dataset in new[] { train.Image, train.Audio, train.Video })
            if (dataset is ImageListDataset images) images.Cache = new ResizedImageCache(CacheBytesPerDataset);
        return new TrainingData(root, train, new ValidationSet(config, root));
    }
}
