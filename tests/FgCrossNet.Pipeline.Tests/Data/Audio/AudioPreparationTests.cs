using FgCrossNet.Core;
using FgCrossNet.Data;
using FgCrossNet.Data.Audio;
using FgCrossNet.IO;
using SkiaSharp;

namespace FgCrossNet.Pipeline.Tests.Data.Audio;

public class AudioPreparationTests
{
    private static readonly AudioPreparationOptions Small = new() { ImageSize = 64, TestFraction = 0.5, Seed = 3 };

    /// <summary>IN/Beta_Bird: 3 tones + garbage.wav; IN/Alpha_Bird: 3 tones + empty.mp3 + notes.txt.</summary>
    private static string MakeInput(TempFolder dir)
    {
        foreach (var (name, frequency) in new[] { ("Beta_Bird", 3000.0), ("Alpha_Bird", 1500.0) })
            for (int i = 0; i < 3; i++)
                TestSignals.WriteWav16(dir.File($"in/{name}/{name}_{i}.wav"), 22050, TestSignals.Sine(frequency + 100 * i, 0.5, 22050));
        File.WriteAllBytes(dir.File("in/Beta_Bird/garbage.wav"), [.. Enumerable.Repeat((byte)7, 500)]);
        File.WriteAllBytes(dir.File("in/Alpha_Bird/empty.mp3"), []);
        File.WriteAllText(dir.File("in/Alpha_Bird/notes.txt"), "not a recording");
        return Path.Combine(dir.Path, "in");
    }

    [Fact]
    public void Converts_a_folder_skips_unreadable_recordings_and_writes_merged_lists()
    {
        using var dir = new TempFolder();
        var input = MakeInput(dir);
        var root = Path.Combine(dir.Path, "root");
        var problems = new StringWriter();

        var result = AudioPreparation.Run(input, root, Small, problems);

        Assert.Equal(6, result.Converted);
        Assert.Equal(6, result.Train + result.Test);
        // Each class has 4 recordings (one unreadable): 2 are planned as test, so 1 or 2 converted test ones per class.
        Assert.InRange(result.Test, 2, 4);
        Assert.Equal(["empty.mp3", "garbage.wav"], result.Skipped.Select(s => Path.GetFileName(s.SourcePath)).Order());
        Assert.Equal(1, result.Ignored);
        Assert.Contains("garbage.wav", problems.ToString());
        Assert.Contains("empty.mp3", problems.ToString());

        Assert.Equal("0 Alpha_Bird\n1 Beta_Bird\n", File.ReadAllText(Path.Combine(root, "classes.txt")));
        var layout = new DatasetLayout(root);
        var train = ListFile.Read(layout.ListPath(Medium.Audio, "train"), classCount: 2);
        var test = ListFile.Read(layout.ListPath(Medium.Audio, "test"), classCount: 2);
        Assert.Equal(6, train.Count + test.Count);
        Assert.Equal(test.Select(e => e.Label), LabelFile.Read(layout.TestLabelPath(Medium.Audio)));
        foreach (var entry in train.Concat(test))
        {
            Assert.Equal(entry.RelativePath.Contains("Alpha_Bird") ? 0 : 1, entry.Label);
            Assert.StartsWith("audio/audioimg/", entry.RelativePath);
            using var image = SKBitmap.Decode(ListFile.Resolve(root, entry, "list"));
            Assert.Equal((64, 64), (image.Width, image.Height));
        }

        // A second run replaces its entries instead of adding them again, and splits the same way.
        var trainBefore = File.ReadAllText(layout.ListPath(Medium.Audio, "train"));
        var again = AudioPreparation.Run(input, root, Small, TextWriter.Null);
        Assert.Equal(6, again.Converted);
        Assert.Equal(trainBefore, File.ReadAllText(layout.ListPath(Medium.Audio, "train")));
        Assert.Equal(result.Test, ListFile.Read(layout.ListPath(Medium.Audio, "test")).Count);
    }

    [Fact]
    public void Classes_are_numbered_by_the_roots_class_list_and_unknown_folders_are_refused()
    {
        using var dir = new TempFolder();
        var input = MakeInput(dir);
        var root = Path.Combine(dir.Path, "root");
        File.WriteAllText(Path.Combine(dir.File("root/classes.txt")), "1 002.Alpha_Bird\r\n0 001.Beta_Bird\r\n2 003.Gamma_Bird\r\n");

        AudioPreparation.Run(input, root, Small with { TestFraction = 0 }, TextWriter.Null);
        var train = ListFile.Read(Path.Combine(root, "list", "audio", "train.txt"));
        Assert.Equal(6, train.Count);
        Assert.All(train, e => Assert.Equal(e.RelativePath.StartsWith("audio/audioimg/Alpha_Bird/") ? 1 : 0, e.Label));
        Assert.Equal(0, ListFile.Read(Path.Combine(root, "list", "audio", "train.txt")).Count(e => e.RelativePath.Contains("003.")));

        TestSignals.WriteWav16(dir.File("in/Delta_Bird/d.wav"), 22050, TestSignals.Sine(1000, 0.2, 22050));
        var e = Assert.Throws<InvalidInputException>(() => AudioPreparation.Run(input, root, Small, TextWriter.Null));
        Assert.Contains("Delta_Bird", e.Problem);
    }

    [Fact]
    public void Recordings_that_would_share_an_image_are_all_skipped_and_the_rest_converted()
    {
        using var dir = new TempFolder();
        var input = MakeInput(dir);
        File.Copy(Path.Combine(input, "Alpha_Bird", "Alpha_Bird_0.wav"), dir.File("in/Alpha_Bird/Alpha_Bird_0.WAVE"));
        var result = AudioPreparation.Run(input, Path.Combine(dir.Path, "root"), Small, TextWriter.Null);
        Assert.Equal(5, result.Converted);
        var shared = result.Skipped.Where(s => s.Problem.Contains("same image")).Select(s => Path.GetFileName(s.SourcePath)).Order();
        Assert.Equal(["Alpha_Bird_0.WAVE", "Alpha_Bird_0.wav"], shared);
    }

    [Fact]
    public void Without_a_class_list_the_roots_numbered_image_folders_give_the_order()
    {
        using var dir = new TempFolder();
        var input = MakeInput(dir);
        var root = Path.Combine(dir.Path, "root");
        Directory.CreateDirectory(Path.Combine(root, "image", "010.Alpha_Bird"));
        Directory.CreateDirectory(Path.Combine(root, "image", "002.Beta_Bird"));

        AudioPreparation.Run(input, root, Small, TextWriter.Null);
        Assert.Equal("0 002.Beta_Bird\n1 010.Alpha_Bird\n", File.ReadAllText(Path.Combine(root, "classes.txt")));
    }

    [Fact]
    public void The_split_is_deterministic_per_seed_and_follows_the_fraction_per_class()
    {
        using var dir = new TempFolder();
        for (int i = 0; i < 10; i++) File.WriteAllBytes(dir.File($"in/A/{i}.wav"), []);
        string root = Path.Combine(dir.Path, "root");
        string Split(int seed) => string.Join(",", AudioPreparation.Plan(Path.Combine(dir.Path, "in"), root, Small with { Seed = seed, TestFraction = 0.3 }, out _, out _)
            .Where(r => r.IsTest).Select(r => Path.GetFileName(r.SourcePath)).Order());
        Assert.Equal(Split(1), Split(1));
        Assert.Equal(3, Split(1).Split(',').Length);
        Assert.NotEqual(Split(1), Split(2));
    }

    [Fact]
    public void The_command_exits_0_when_some_converted_and_1_when_none_did()
    {
        using var dir = new TempFolder();
        var input = MakeInput(dir);
        var ok = CliProcess.Run("prepare-audio", "--in", input, "--root", Path.Combine(dir.Path, "root"), "--size", "32");
        Assert.True(ok.ExitCode == 0, ok.StdErr);
        Assert.Contains("Converted 6 recordings", ok.StdOut);
        Assert.Contains("garbage.wav", ok.StdErr);
        Assert.Contains("Skipped 2", ok.StdErr);

        File.WriteAllBytes(dir.File("bad/A/x.wav"), [1, 2, 3]);
        var none = CliProcess.Run("prepare-audio", "--in", Path.Combine(dir.Path, "bad"), "--root", Path.Combine(dir.Path, "root2"));
        Assert.Equal(1, none.ExitCode);
        // Nothing converted, nothing written: not even the derived class list.
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "root2")) && Directory.EnumerateFileSystemEntries(Path.Combine(dir.Path, "root2"), "*", SearchOption.AllDirectories).Any(),
            "the root was written into although nothing was converted");

        var missing = CliProcess.Run("prepare-audio", "--in", Path.Combine(dir.Path, "nowhere"), "--root", Path.Combine(dir.Path, "root3"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("input folder not found", missing.StdErr);
    }
}
