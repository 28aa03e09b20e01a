using System.Diagnostics;
using System.Text.Json;
using FgCrossNet.Core;
using FgCrossNet.Data.Audio;
using FgCrossNet.Data;
using FgCrossNet.IO;
using FgCrossNet.Progress;

namespace FgCrossNet.Synthetic;

/// <summary>
/// Writes a complete synthetic FG-XMedia dataset root in the real layout:
/// <list type="bullet">
/// <item><c>image/NNN.Name/Name_kkkk.jpg</c></item>
/// <item><c>text/Name/Name_k.txt</c> (one line, ASCII)</item>
/// <item><c>audio/wav/Name/Name_kkk.wav</c> (the recordings) and <c>audio/audioimg/Name/Name_kkk.png</c> (their
/// spectrograms, made by <see cref="AudioPreparation"/> exactly as for real recordings)</item>
/// <item><c>video/Name/Name_vkkk/ffff.jpg</c> (frames)</item>
/// <item><c>list/&lt;medium&gt;/{train,test}.txt</c> (video: one entry per frame, a video's frames consecutive) and
/// <c>list/&lt;medium&gt;/testlabel.txt</c> (video: one label per test video)</item>
/// <item><c>classes.txt</c> (<c>&lt;label&gt; NNN.Name</c>) and <c>synthetic.json</c> (the configuration and every species' attributes)</item>
/// </list>
/// Item k of a class is train for k &lt;= train count, test after. Every item is drawn from its own seed
/// (<see cref="StableSeed"/>), so the output does not depend on the thread count.
/// </summary>
public static class SyntheticDatasetGenerator
{
    /// <summary>The file that marks a folder as a synthetic dataset root.</summary>
    public const string MarkerFile = "synthetic.json";

    private static readonly string[] OwnedEntries = ["image", "text", "audio", "video", "list", ClassListFile.FileName, MarkerFile];

    /// <summary>Generates the dataset of <paramref name="config"/> into <paramref name="root"/>.</summary>
    /// <param name="config">What to generate.</param>
    /// <param name="root">Dataset root; must be absent or empty, or hold a synthetic dataset and <paramref name="overwrite"/> be set.</param>
    /// <param name="threads">Worker threads; null for one per core.</param>
    /// <param name="overwrite">Replace a synthetic dataset already in <paramref name="root"/> (only its own folders and files are deleted).</param>
    /// <param name="log">Receives a line per medium (may be null).</param>
    /// <param name="progress">Receives the progress of each medium (tasks <c>image</c>, <c>text</c>, <c>audio</c> then
    /// <c>spectrograms</c>, <c>video</c>), from worker threads one report at a time.</param>
    public static SyntheticDatasetSummary Generate(SyntheticConfig config, string root, int? threads = null, bool overwrite = false,
        Action<string>? log = null, Action<ProgressReport>? progress = null)
    {
        config.Validate();
        if (threads is < 1) throw new ArgumentException($"threads must be at least 1, got {threads}");
        var clock = Stopwatch.StartNew();
        root = Path.GetFullPath(root);
        PrepareRoot(root, overwrite);
        var classes = SyntheticClassCatalog.Create(config);
        var layout = new DatasetLayout(root);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount };

        ClassListFile.Write(Path.Combine(root, ClassListFile.FileName), [.. classes.Select(c => c.ImageFolder)]);
        AtomicFile.WriteAllText(Path.Combine(root, MarkerFile), Describe(config, classes));

        var train = new Dictionary<Medium, int>();
        var test = new Dictionary<Medium, int>();
        foreach (var medium in config.SelectedMedia)
        {
            var started = clock.Elapsed;
            var (trainEntries, testEntries) = medium switch
            {
                Medium.Image => WriteImages(config, classes, root, parallel, progress),
                Medium.Text => WriteTexts(config, classes, root, parallel, progress),
                Medium.Audio => WriteAudio(config, classes, root, threads, progress),
                _ => WriteVideos(config, classes, root, parallel, progress),
            };
            if (medium != Medium.Audio)
            {
                ListFile.Write(layout.ListPath(medium, "train"), trainEntries);
                ListFile.Write(layout.ListPath(medium, "test"), testEntries);
                var testLabels = medium == Medium.Video
                    ? testEntries.Where((_, i) => i % config.FramesPerVideo == 0).Select(e => e.Label)
                    : testEntries.Select(e => e.Label);
                LabelFile.Write(layout.TestLabelPath(medium), testLabels);
            }
            train[medium] = trainEntries.Count;
            test[medium] = testEntries.Count;
            log?.Invoke($"{medium.FolderName(),-6} {trainEntries.Count,6} train + {testEntries.Count,5} test entries in {(clock.Elapsed - started).TotalSeconds:F1} s");
        }
        return new SyntheticDatasetSummary(root, classes, train, test, clock.Elapsed.TotalSeconds);
    }

    private static (List<ListEntry> Train, List<ListEntry> Test) WriteImages(SyntheticConfig config, IReadOnlyList<SyntheticClass> classes, string root, ParallelOptions parallel,
        Action<ProgressReport>? progress)
    {
        var items = Items(classes, config.Images, c => k => $"image/{c.ImageFolder}/{c.Name}_{k:D4}.jpg");
        var meter = ProgressMeter.Start(progress, "image", items.Count);
        Parallel.ForEach(items, parallel, item =>
        {
            var rng = StableSeed.Random(config.Seed, "image", item.Class.Label, item.Index);
            var scene = BirdScene.Random(rng, config.Noise);
            using var bitmap = BirdSceneRenderer.Render(scene, item.Class.Attributes, config.ImageSize);
            var jpeg = BirdSceneRenderer.EncodeJpeg(bitmap, config.JpegQuality);
            AtomicFile.Write(Path.Combine(root, item.RelativePath), s => s.Write(jpeg));
            meter.Advance();
        });
        meter.Finish();
        return Lists(items);
    }

    private static (List<ListEntry> Train, List<ListEntry> Test) WriteTexts(SyntheticConfig config, IReadOnlyList<SyntheticClass> classes, string root, ParallelOptions parallel,
        Action<ProgressReport>? progress)
    {
        var items = Items(classes, config.Texts, c => k => $"text/{c.Name}/{c.Name}_{k}.txt");
        var meter = ProgressMeter.Start(progress, "text", items.Count);
        Parallel.ForEach(items, parallel, item =>
        {
            var rng = StableSeed.Random(config.Seed, "text", item.Class.Label, item.Index);
            AtomicFile.WriteAllText(Path.Combine(root, item.RelativePath), BirdDescriptionWriter.Describe(item.Class, rng, config.Noise, config.DescriptionStyle));
            meter.Advance();
        });
        meter.Finish();
        return Lists(items);
    }

    private static (List<ListEntry> Train, List<ListEntry> Test) WriteAudio(SyntheticConfig config, IReadOnlyList<SyntheticClass> classes, string root, int? threads,
        Action<ProgressReport>? progress)
    {
        var items = Items(classes, config.Audio, c => k => $"audio/wav/{c.Name}/{c.Name}_{k:D3}.wav");
        var meter = ProgressMeter.Start(progress, "audio", items.Count, "recordings");
        Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount }, item =>
        {
            var rng = StableSeed.Random(config.Seed, "audio", item.Class.Label, item.Index);
            var samples = BirdCallSynthesizer.Synthesize(item.Class.Attributes, rng, config.Noise, config.AudioSampleRate, config.AudioSeconds);
            BirdCallSynthesizer.WriteWav(Path.Combine(root, item.RelativePath), samples, config.AudioSampleRate);
            meter.Advance();
        });
        meter.Finish();
        var recordings = items.Select(i => new AudioRecording(Path.Combine(root, i.RelativePath), i.Class.Name, i.Class.Label, i.IsTest)).ToList();
        var result = AudioPreparation.Convert(root, recordings, new AudioPreparationOptions { ImageSize = config.AudioImageSize, Threads = threads, Progress = progress });
        if (result.Skipped.Count > 0)
            throw new InvalidOperationException($"synthetic recording {result.Skipped[0].SourcePath} could not be converted: {result.Skipped[0].Problem}");
        var layout = new DatasetLayout(root);
        return ([.. ListFile.Read(layout.ListPath(Medium.Audio, "train"))], config.Audio.Test > 0 ? [.. ListFile.Read(layout.ListPath(Medium.Audio, "test"))] : []);
    }

    private static (List<ListEntry> Train, List<ListEntry> Test) WriteVideos(SyntheticConfig config, IReadOnlyList<SyntheticClass> classes, string root, ParallelOptions parallel,
        Action<ProgressReport>? progress)
    {
        var videos = Items(classes, config.Videos, c => k => $"video/{c.Name}/{c.Name}_v{k:D3}");
        var meter = ProgressMeter.Start(progress, "video", videos.Count, "videos");
        Parallel.ForEach(videos, parallel, video =>
        {
            var rng = StableSeed.Random(config.Seed, "video", video.Class.Label, video.Index);
            var start = BirdScene.Random(rng, config.Noise);
            var motion = BirdVideoMotion.Random(rng);
            for (int f = 0; f < config.FramesPerVideo; f++)
            {
                using var bitmap = BirdSceneRenderer.Render(motion.At(start, f), video.Class.Attributes, config.VideoFrameSize);
                var jpeg = BirdSceneRenderer.EncodeJpeg(bitmap, config.JpegQuality);
                AtomicFile.Write(Path.Combine(root, FramePath(video.RelativePath, f)), s => s.Write(jpeg));
            }
            meter.Advance();
        });
        meter.Finish();
        var train = new List<ListEntry>();
        var test = new List<ListEntry>();
        foreach (var video in videos)
            for (int f = 0; f < config.FramesPerVideo; f++)
                (video.IsTest ? test : train).Add(new ListEntry(FramePath(video.RelativePath, f), video.Class.Label));
        return (train, test);
    }

    private static string FramePath(string videoFolder, int frame) => $"{videoFolder}/{frame + 1:D4}.jpg";

    private sealed record Item(SyntheticClass Class, int Index, bool IsTest, string RelativePath);

    /// <summary>Items of every class in list order: class by class, item 1..train+test; the first train ones are train.</summary>
    private static List<Item> Items(IReadOnlyList<SyntheticClass> classes, SplitCounts counts, Func<SyntheticClass, Func<int, string>> path) =>
        [.. classes.SelectMany(c => Enumerable.Range(1, counts.Total).Select(k => new Item(c, k, k > counts.Train, path(c)(k))))];

    private static (List<ListEntry> Train, List<ListEntry> Test) Lists(List<Item> items) =>
        ([.. items.Where(i => !i.IsTest).Select(i => new ListEntry(i.RelativePath, i.Class.Label))],
         [.. items.Where(i => i.IsTest).Select(i => new ListEntry(i.RelativePath, i.Class.Label))]);

    private static void PrepareRoot(string root, bool overwrite)
    {
        if (!Directory.Exists(root) || !Directory.EnumerateFileSystemEntries(root).Any())
        {
            Directory.CreateDirectory(root);
            return;
        }
        if (!overwrite)
            throw new InvalidInputException(root, "the output folder is not empty; choose another, or pass --overwrite to replace a synthetic dataset there");
        if (!File.Exists(Path.Combine(root, MarkerFile)))
            throw new InvalidInputException(root, $"refusing to overwrite: the folder holds no {MarkerFile}, so it is not a synthetic dataset");
        foreach (var entry in OwnedEntries)
        {
            var path = Path.Combine(root, entry);
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
        }
    }

    private static string Describe(SyntheticConfig config, IReadOnlyList<SyntheticClass> classes)
    {
        var document = new Dictionary<string, object>
        {
            ["config"] = JsonSerializer.SerializeToElement(config, SyntheticConfig.JsonOptions),
            ["classes"] = classes.Select(c => new Dictionary<string, object>
            {
                ["label"] = c.Label,
                ["folder"] = c.ImageFolder,
                ["family"] = c.Family,
                ["visualKey"] = c.VisualKey,
                ["callKey"] = c.CallKey,
                ["attributes"] = c.Attributes.ToDictionary(),
            }).ToList(),
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
