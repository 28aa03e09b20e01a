using System.Globalization;
using FgCrossNet.Core;
using FgCrossNet.Data;
using FgCrossNet.Data.Loading;
using FgCrossNet.IO;
using FgCrossNet.Progress;

namespace FgCrossNet.Inference;

/// <summary>
/// Extracts the features of a dataset split through an export, per medium into <c>OUT/&lt;medium&gt;/</c>
/// (<see cref="MediumFeatureWriter"/>: <c>features_te.txt</c>, <c>features_te.npy</c>, <c>testlabel.txt</c>,
/// <c>items.txt</c>, and <c>skipped.txt</c> listing what was left out), as <c>fgcrossnet eval</c> reads them. Items are
/// those of <c>list/&lt;medium&gt;/&lt;split&gt;.txt</c> in list order; a video is the frames the export's metadata
/// selects (<see cref="FrameSampling.Select"/>: all listed, or uniformly sampled), its feature pooled over its readable
/// frames as training's evaluation pools them (<see cref="VideoFeaturePooling"/>). An unreadable image, an empty text
/// or a missing frame is reported by path, skipped and counted (a video goes only when none of its sampled frames reads). Streaming with bounded memory; resumable per medium: a medium finished by an earlier run
/// with the same model and options (its <c>extract.json</c>, written last) is skipped. Every list is read before any
/// output is replaced, and a medium's earlier files are replaced only once its extraction succeeded; temporary files
/// left by a killed run are removed. With a shard (<see cref="ExtractionOptions.Shard"/>) only the shard's block of
/// every list is extracted, into <c>OUT/shards/k-of-n/&lt;medium&gt;/</c>; <see cref="ExtractionShardMerge"/> then
/// writes what one process would have.
/// </summary>
public static class FeatureExtraction
{
    /// <summary>Written last in a medium's folder: what produced its files. Its presence marks the medium as done.</summary>
    public const string DoneFileName = "extract.json";

    /// <summary>Problems of the skipped items: one <c>path&lt;TAB&gt;problem</c> line each.</summary>
    public const string SkippedFileName = "skipped.txt";

    public static IReadOnlyList<MediumExtractionReport> Run(ExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var layout = new DatasetLayout(options.DataRoot);
        if (!Directory.Exists(layout.Root)) throw new InvalidInputException(layout.Root, "dataset root not found");
        var media = options.Media ?? [.. Media.All.Where(m => File.Exists(layout.ListPath(m, options.Split)))];
        if (media.Count == 0) throw new InvalidInputException(layout.Root, $"no list/<medium>/{options.Split}.txt for any medium");
        foreach (var medium in media)
            if (!File.Exists(layout.ListPath(medium, options.Split))) throw new InvalidInputException(layout.ListPath(medium, options.Split), "list file not found");

        var provider = ExecutionProvider.Choose(options.GpuDeviceId);
        options.Log?.Invoke($"ONNX Runtime execution provider: {provider.Description}; engine: {options.Engine}");
        using var extractor = IFeatureExtractor.Open(options.ModelPath, options.Engine, provider, options.Resize, options.BatchSize);
        // Every list is read before anything is written or replaced, so a list error leaves earlier output as it was.
        var lists = media.ToDictionary(m => m, m => ListFile.Read(layout.ListPath(m, options.Split), extractor.Metadata.Model.NumClasses));
        var identity = Identity(options);
        var outputFolder = Path.GetFullPath(options.OutputFolder);
        if (options.Shard is { } shard) outputFolder = shard.Folder(outputFolder);
        var reports = new List<MediumExtractionReport>();
        foreach (var medium in media)
        {
            var folder = Path.Combine(outputFolder, medium.FolderName());
            var done = Path.Combine(folder, DoneFileName);
            if (AtomicFile.DeleteStaleTemporaryFiles(folder) is > 0 and var stale)
                options.Log?.Invoke($"{medium.FolderName()}: removed {stale} temporary files of an interrupted extraction");
            if (!options.Force && ExtractionRecord.TryRead(done) is { } earlier && earlier.HasIdentity(identity))
            {
                options.Log?.Invoke($"{medium.FolderName()}: already extracted ({done}); skipped");
                reports.Add(new MediumExtractionReport(medium, earlier.Rows, [], 0, true, TimeSpan.Zero));
                continue;
            }
            var started = System.Diagnostics.Stopwatch.StartNew();
            var list = layout.ListPath(medium, options.Split);
            var entries = lists[medium];
            if (medium != Medium.Video) entries = ShardOf(entries, options.Shard);
            var skipped = new List<SkippedItem>();
            int skippedFrames = 0;
            using (var writer = new MediumFeatureWriter(folder, extractor.Metadata.FeatureDimension))
            {
                switch (medium)
                {
                    case Medium.Text:
                        Texts(extractor, layout.Root, list, entries, writer, skipped, ProgressMeter.Start(options.Progress, medium.FolderName(), entries.Count));
                        break;
                    case Medium.Video:
                        var clips = ShardOf(VideoGrouping.Group(entries, list), options.Shard);
                        skippedFrames = Videos(extractor, layout.Root, list, clips, writer, skipped, ProgressMeter.Start(options.Progress, medium.FolderName(), clips.Count, "videos"));
                        break;
                    default:
                        Images(extractor, layout.Root, list, entries, writer, skipped, ProgressMeter.Start(options.Progress, medium.FolderName(), entries.Count));
                        break;
                }
                // A shard may hold no readable item; the merge checks the whole medium.
                if (writer.Rows == 0 && options.Shard is null)
                    throw new InvalidInputException(list, $"no item could be read{(skipped.Count > 0 ? $" (first: {skipped[0].Path}: {skipped[0].Problem})" : "")}");
                // The old files are replaced only now, on success; without extract.json they never pass for a finished medium.
                File.Delete(done);
                writer.Complete();
                AtomicFile.WriteAllText(Path.Combine(folder, SkippedFileName), string.Concat(skipped.Select(s => $"{s.Path}\t{s.Problem}\n")));
                new ExtractionRecord(identity, writer.Rows, skipped.Count, skippedFrames, provider.Description).Write(done);
                reports.Add(new MediumExtractionReport(medium, writer.Rows, skipped, skippedFrames, false, started.Elapsed));
            }
            foreach (var s in skipped) options.Log?.Invoke($"skipped {s.Path}: {s.Problem}");
        }
        return reports;
    }

    private static void Images(IFeatureExtractor extractor, string root, string list, IReadOnlyList<ListEntry> entries,
        MediumFeatureWriter writer, List<SkippedItem> skipped, ProgressMeter progress)
    {
        var paths = entries.Select(e => ListFile.Resolve(root, e, list)).ToArray();
        int i = 0;
        foreach (var result in extractor.Images(paths))
        {
            if (result.IsValid) writer.Append(result.Features, entries[i].Label, entries[i].RelativePath);
            else skipped.Add(new SkippedItem(paths[i], result.Problem!));
            i++;
            progress.Report(i);
        }
        progress.Finish();
    }

    private static void Texts(IFeatureExtractor extractor, string root, string list, IReadOnlyList<ListEntry> entries,
        MediumFeatureWriter writer, List<SkippedItem> skipped, ProgressMeter progress)
    {
        var reader = new TextInputEncoder(extractor.Metadata.Text);
        var paths = entries.Select(e => ListFile.Resolve(root, e, list)).ToArray();
        var owners = new Queue<int>(); // the item of each text handed to the extractor, in order
        int done = 0;
        IEnumerable<string> Read()
        {
            for (int i = 0; i < paths.Length; i++)
            {
                var (text, problem) = reader.TryRead(paths[i]);
                if (text is null)
                {
                    skipped.Add(new SkippedItem(paths[i], problem!));
                    done++;
                    progress.Report(done);
                    continue;
                }
                owners.Enqueue(i);
                yield return text;
            }
        }
        foreach (var result in extractor.Texts(Read()))
        {
            int i = owners.Dequeue();
            if (result.IsValid) writer.Append(result.Features, entries[i].Label, entries[i].RelativePath);
            else skipped.Add(new SkippedItem(paths[i], result.Problem!));
            done++;
            progress.Report(done);
        }
        progress.Finish();
    }

    /// <summary>Returns the number of sampled frames that could not be read.</summary>
    private static int Videos(IFeatureExtractor extractor, string root, string list, IReadOnlyList<VideoClip> clips,
        MediumFeatureWriter writer, List<SkippedItem> skipped, ProgressMeter progress)
    {
        var metadata = extractor.Metadata;
        var owners = new Queue<(int Clip, string Path)>();
        IEnumerable<string> SampledFrames()
        {
            for (int c = 0; c < clips.Count; c++)
            {
                foreach (var index in FrameSampling.Select(metadata.VideoFrames, clips[c].Frames.Count, metadata.VideoEvalFrames))
                {
                    var path = ListFile.Resolve(root, clips[c].Frames[index], list);
                    owners.Enqueue((c, path));
                    yield return path;
                }
            }
        }

        var readable = new List<ItemFeatures>();
        int current = -1, badFrames = 0;
        void Finish()
        {
            if (current < 0) return;
            if (readable.Count == 0)
                skipped.Add(new SkippedItem(Path.Combine(root, clips[current].Folder), "no sampled frame of the video could be read"));
            else
                writer.Append(VideoFeaturePooling.Pool(metadata.VideoPooling, readable, metadata.RetrievalFeature), clips[current].Label, clips[current].Folder);
            progress.Report(current + 1);
        }

        foreach (var result in extractor.Images(SampledFrames()))
        {
            var (clip, path) = owners.Dequeue();
            if (clip != current)
            {
                Finish();
                current = clip;
                readable.Clear();
            }
            if (result.IsValid) readable.Add(result);
            else
            {
                badFrames++;
                skipped.Add(new SkippedItem(path, $"frame of video '{clips[clip].Folder}': {result.Problem}"));
            }
        }
        Finish();
        progress.Finish();
        return badFrames;
    }

    /// <summary>The shard's block of a medium's items (all of them without a shard).</summary>
    private static IReadOnlyList<T> ShardOf<T>(IReadOnlyList<T> items, ExtractionShard? shard)
    {
        if (shard is not { } s) return items;
        var (start, end) = s.Range(items.Count);
        return [.. items.Skip(start).Take(end - start)];
    }

    private static List<KeyValuePair<string, string>> Identity(ExtractionOptions options)
    {
        var model = new FileInfo(Path.GetFullPath(options.ModelPath));
        var identity = new List<KeyValuePair<string, string>>
        {
            new("model", model.FullName),
            new("model_bytes", model.Exists ? model.Length.ToString(CultureInfo.InvariantCulture) : "0"),
            new("model_modified_utc", model.Exists ? model.LastWriteTimeUtc.ToString("O", CultureInfo.InvariantCulture) : ""),
            new("data_root", Path.GetFullPath(options.DataRoot)),
            new("split", options.Split),
            new("engine", options.Engine.ToString()),
            new("resize", options.Resize.ToString()),
        };
        if (options.Shard is { } shard) identity.Add(new(ExtractionShardMerge.ShardKey, shard.ToString()));
        return identity;
    }
}
