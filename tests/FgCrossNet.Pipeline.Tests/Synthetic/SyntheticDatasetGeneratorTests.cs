using System.Diagnostics;
using System.Text.RegularExpressions;
using FgCrossNet.Core;
using FgCrossNet.Data;
using FgCrossNet.IO;
using FgCrossNet.Synthetic;
using SkiaSharp;

namespace FgCrossNet.Pipeline.Tests.Synthetic;

public class SyntheticDatasetGeneratorTests
{
    private static SyntheticConfig Tiny => SyntheticConfig.Load(Path.Combine(RepositoryPaths.Root, "data-manifests", "synthetic", "tiny.json"));

    private static readonly Dictionary<Medium, Regex> PathPattern = new()
    {
        [Medium.Image] = new(@"^image/(?<number>\d{3})\.(?<name>Synth_[A-Za-z_]+)/\k<name>_\d{4}\.jpg$"),
        [Medium.Text] = new(@"^text/(?<name>Synth_[A-Za-z_]+)/\k<name>_\d+\.txt$"),
        [Medium.Audio] = new(@"^audio/audioimg/(?<name>Synth_[A-Za-z_]+)/\k<name>_\d{3}\.png$"),
        [Medium.Video] = new(@"^video/(?<name>Synth_[A-Za-z_]+)/(?<video>\k<name>_v\d{3})/(?<frame>\d{4})\.jpg$"),
    };

    [Fact]
    public void A_tiny_dataset_is_complete_in_the_real_layout_and_loadable()
    {
        using var dir = new TempFolder();
        var config = Tiny;
        var clock = Stopwatch.StartNew();
        var summary = SyntheticDatasetGenerator.Generate(config, dir.Path);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the tiny configuration took {clock.Elapsed.TotalSeconds:F1} s");

        var layout = new DatasetLayout(dir.Path);
        var classLines = File.ReadAllLines(Path.Combine(dir.Path, "classes.txt"));
        Assert.Equal(summary.Classes.Select(c => $"{c.Label} {c.Label + 1:D3}.{c.Name}"), classLines);
        var names = summary.Classes.Select(c => c.Name).ToArray();

        foreach (var medium in Media.All)
        {
            var counts = medium switch { Medium.Image => config.Images, Medium.Text => config.Texts, Medium.Audio => config.Audio, _ => config.Videos };
            int perItem = medium == Medium.Video ? config.FramesPerVideo : 1;
            foreach (var (split, perClass) in new[] { ("train", counts.Train), ("test", counts.Test) })
            {
                var listPath = layout.ListPath(medium, split);
                var entries = ListFile.Read(listPath, classCount: config.Classes);
                Assert.Equal(Enumerable.Range(0, config.Classes).SelectMany(c => Enumerable.Repeat(c, perClass * perItem)), entries.Select(e => e.Label));
                foreach (var entry in entries)
                {
                    var match = PathPattern[medium].Match(entry.RelativePath);
                    Assert.True(match.Success, $"{medium} path {entry.RelativePath}");
                    Assert.Equal(names[entry.Label], match.Groups["name"].Value);
                    if (medium == Medium.Image) Assert.Equal(entry.Label + 1, int.Parse(match.Groups["number"].Value));
                    var file = ListFile.Resolve(dir.Path, entry, listPath);
                    Assert.True(File.Exists(file), file);
                    if (medium == Medium.Text) continue;
                    using var image = SKBitmap.Decode(file);
                    int side = medium switch { Medium.Image => config.ImageSize, Medium.Audio => config.AudioImageSize, _ => config.VideoFrameSize };
                    Assert.Equal((side, side), (image.Width, image.Height));
                }
                if (split != "test") continue;
                var testLabels = LabelFile.Read(layout.TestLabelPath(medium));
                if (medium != Medium.Video)
                {
                    Assert.Equal(entries.Select(e => e.Label), testLabels);
                    continue;
                }
                // Video: a video's frames are consecutive and in order; testlabel.txt has one label per video.
                var videos = entries.Chunk(config.FramesPerVideo).ToList();
                Assert.Equal(config.Classes * config.Videos.Test, videos.Count);
                foreach (var frames in videos)
                {
                    var folders = frames.Select(e => PathPattern[Medium.Video].Match(e.RelativePath).Groups["video"].Value).Distinct();
                    Assert.Single(folders);
                    Assert.Equal(Enumerable.Range(1, config.FramesPerVideo), frames.Select(e => int.Parse(PathPattern[Medium.Video].Match(e.RelativePath).Groups["frame"].Value)));
                }
                Assert.Equal(videos.Select(v => v[0].Label), testLabels);
                Assert.Equal(entries.Select(e => e.RelativePath).Distinct().Count(), entries.Count);
            }
        }

        foreach (var c in summary.Classes)
            Assert.Equal(config.Audio.Total, Directory.GetFiles(Path.Combine(dir.Path, "audio", "wav", c.Name), "*.wav").Length);
        using var written = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "synthetic.json")));
        File.WriteAllText(dir.File("config-copy/synth.json"), written.RootElement.GetProperty("config").GetRawText());
        Assert.Equal(config.ToJson(), SyntheticConfig.Load(dir.File("config-copy/synth.json")).ToJson());
        Assert.Equal(config.Classes, written.RootElement.GetProperty("classes").GetArrayLength());
    }

    [Fact]
    public void The_same_seed_gives_byte_identical_files_whatever_the_thread_count()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();
        using var c = new TempFolder();
        var config = Tiny with { Classes = 3, Media = ["image", "text", "audio", "video"] };
        SyntheticDatasetGenerator.Generate(config, a.Path, threads: 1);
        SyntheticDatasetGenerator.Generate(config, b.Path, threads: 2);
        SyntheticDatasetGenerator.Generate(config with { Seed = config.Seed + 1 }, c.Path, threads: 2);

        var filesA = Files(a.Path);
        Assert.Equal(filesA, Files(b.Path));
        Assert.True(filesA.Count > 50);
        foreach (var relative in filesA)
            Assert.True(File.ReadAllBytes(Path.Combine(a.Path, relative)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b.Path, relative))), $"{relative} differs");

        var imageA = ListFile.Read(Path.Combine(a.Path, "list", "image", "train.txt"))[0];
        var imageC = ListFile.Read(Path.Combine(c.Path, "list", "image", "train.txt"))[0];
        Assert.False(File.ReadAllBytes(ListFile.Resolve(a.Path, imageA, "a")).AsSpan().SequenceEqual(File.ReadAllBytes(ListFile.Resolve(c.Path, imageC, "c"))));
    }

    private static List<string> Files(string root) =>
        [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void Raw_pixel_nearest_class_mean_is_far_from_perfect_but_clearly_above_chance()
    {
        using var dir = new TempFolder();
        var config = new SyntheticConfig { Media = ["image"] }; // the default: 20 classes, 16 + 8 images each
        SyntheticDatasetGenerator.Generate(config, dir.Path);
        double accuracy = PixelNearestMeanBaseline.Accuracy(dir.Path, Medium.Image, side: 16);
        double chance = 1.0 / config.Classes;
        Assert.True(accuracy < 0.6, $"raw pixels separate the classes too well: {accuracy:P1}");
        Assert.True(accuracy > 2 * chance, $"raw pixels barely beat chance ({chance:P1}): {accuracy:P1}");
    }

    [Fact]
    public void A_non_empty_folder_is_refused_and_only_a_synthetic_one_is_overwritten()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("keep.txt"), "user data");
        var config = Tiny with { Classes = 2, Media = ["text"] };
        Assert.Contains("not empty", Assert.Throws<InvalidInputException>(() => SyntheticDatasetGenerator.Generate(config, dir.Path)).Problem);
        Assert.Contains("not a synthetic dataset", Assert.Throws<InvalidInputException>(() => SyntheticDatasetGenerator.Generate(config, dir.Path, overwrite: true)).Problem);

        var root = Path.Combine(dir.Path, "synth");
        SyntheticDatasetGenerator.Generate(config with { Classes = 3 }, root);
        File.WriteAllText(Path.Combine(root, "notes.md"), "mine");
        SyntheticDatasetGenerator.Generate(config, root, overwrite: true);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(root, "classes.txt")).Length);
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(root, "text")).Length);
        Assert.True(File.Exists(Path.Combine(root, "notes.md")));
    }

    [Fact]
    public void The_command_generates_from_a_config_file_and_refuses_to_overwrite_silently()
    {
        using var dir = new TempFolder();
        var root = Path.Combine(dir.Path, "out");
        var tiny = Path.Combine(RepositoryPaths.Root, "data-manifests", "synthetic", "tiny.json");
        var run = CliProcess.Run("synth", "--out", root, "--config", tiny, "--classes", "3", "--media", "image,text", "--seed", "5");
        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Contains("Wrote 3 classes", run.StdOut);
        Assert.Contains("nearest-class-mean accuracy", run.StdOut);
        Assert.Equal(3 * 3, ListFile.Read(Path.Combine(root, "list", "text", "train.txt")).Count);

        var again = CliProcess.Run("synth", "--out", root, "--config", tiny);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--overwrite", again.StdErr);

        var bad = CliProcess.Run("synth", "--out", Path.Combine(dir.Path, "bad"), "--classes", "201");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("classes must be in [1, 200]", bad.StdErr);
    }
}
