using FgCrossNet.Core;
using FgCrossNet.Data.Loading;
using FgCrossNet.Data;
using FgCrossNet.Inference;
using FgCrossNet.Synthetic;

namespace FgCrossNet.Pipeline.Tests.Inference;

/// <summary>
/// <c>extract --shard k/n</c> and <c>--merge</c>: the merged folder is byte for byte the one a single process writes
/// (features, labels, items, skipped items, extract.json), for both engines, with shards that hold no item and batch
/// boundaries that differ from the single process's; a merge with a shard missing or extracted differently is refused.
/// </summary>
[Collection(InferenceCollection.Name)]
public sealed class ExtractionShardTests(InferenceFixture fixture)
{
    [Theory]
    [InlineData(FeatureEngine.MlNet, 5)]
    [InlineData(FeatureEngine.BatchedOrt, 3)]
    public void Merged_shards_equal_a_single_process_extraction_byte_for_byte(FeatureEngine engine, int shards)
    {
        using var folder = new TempFolder();
        var (root, problems) = RootWithBadItems(folder.Path);
        ExtractionOptions Options(string output, ExtractionShard? shard) => new()
        {
            ModelPath = fixture.ImageModelPath, DataRoot = root, OutputFolder = output, Engine = engine, BatchSize = 3, Shard = shard,
        };

        var single = Path.Combine(folder.Path, "single");
        FeatureExtraction.Run(Options(single, null));
        var sharded = Path.Combine(folder.Path, "sharded");
        for (int k = 1; k <= shards; k++) FeatureExtraction.Run(Options(sharded, new ExtractionShard(k, shards)));
        var reports = ExtractionShardMerge.Merge(sharded);

        Assert.Equal(Media.All, reports.Select(r => r.Medium));
        foreach (var medium in Media.All)
        {
            var expected = Path.Combine(single, medium.FolderName());
            var actual = Path.Combine(sharded, medium.FolderName());
            var names = Directory.GetFiles(expected).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(names, Directory.GetFiles(actual).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList());
            Assert.Equal(6, names.Count); // npy, txt, labels, items, skipped, extract.json
            foreach (var name in names)
                Assert.True(File.ReadAllBytes(Path.Combine(expected, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, name))),
                    $"{engine}, {shards} shards: {medium.FolderName()}/{name} differs from the single process's");
        }
        foreach (var problem in problems)
            Assert.Contains(problem, string.Concat(Media.All.Select(m => File.ReadAllText(Path.Combine(sharded, m.FolderName(), FeatureExtraction.SkippedFileName)))));
        // 4 videos in 5 shards: a shard without any item, merged as such.
        if (shards == 5)
            Assert.Contains(Enumerable.Range(1, shards), k => ExtractionRecord.TryRead(Path.Combine(new ExtractionShard(k, shards).Folder(sharded), "video", FeatureExtraction.DoneFileName))!.Rows == 0);
    }

    [Fact]
    public void Merge_refuses_a_missing_shard_and_a_shard_extracted_with_other_options_then_merges_what_eval_reads()
    {
        using var folder = new TempFolder();
        var (root, _) = RootWithBadItems(folder.Path);
        var output = Path.Combine(folder.Path, "features");
        string[] Extract(params string[] more) => ["extract", "--model", fixture.ImageModelPath, "--data", root, "--out", output, .. more];

        var first = CliProcess.Run(Extract("--shard", "1/2"));
        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Contains("extract --merge --out", first.StdOut);
        Assert.True(File.Exists(Path.Combine(output, ExtractionShard.ShardsFolder, "1-of-2", "image", FeatureExtraction.DoneFileName)));

        var early = CliProcess.Run("extract", "--merge", "--out", output);
        Assert.Equal(2, early.ExitCode);
        Assert.Contains("shard 2/2 has not finished", early.StdErr);
        Assert.False(Directory.Exists(Path.Combine(output, "image")));

        var other = CliProcess.Run(Extract("--shard", "2/2", "--resize", "mlnet"));
        Assert.True(other.ExitCode == 0, other.StdErr);
        var mixed = CliProcess.Run("extract", "--merge", "--out", output);
        Assert.Equal(2, mixed.ExitCode);
        Assert.Contains("2-of-2", mixed.StdErr);
        Assert.Contains("another model, data or options", mixed.StdErr);

        var second = CliProcess.Run(Extract("--shard", "2/2"));
        Assert.True(second.ExitCode == 0, second.StdErr);
        var merged = CliProcess.Run("extract", "--merge", "--out", output);
        Assert.True(merged.ExitCode == 0, merged.StdErr);
        Assert.Equal(0, CliProcess.Run("eval", "--features", output).ExitCode);

        var bad = CliProcess.Run(Extract("--shard", "3/2"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--shard", bad.StdErr);
    }

    /// <summary>A root of 2 classes with 8 test items per medium but video (4 videos of 3 frames), one corrupt image, one empty text and one missing frame.</summary>
    private static (string Root, string[] Problems) RootWithBadItems(string folder)
    {
        var root = Path.Combine(folder, "data");
        FixtureRootWriter.Write(root, new FixtureRootWriter.Options
        {
            Classes = 2, ImagesPerClass = 5, TextsPerClass = 5, AudioPerClass = 4, VideosPerClass = 2, FramesPerVideo = 3, TestPerClass = 4,
            ImageWidth = 40, ImageHeight = 30, SpectrogramWidth = 40, SpectrogramHeight = 30, FrameWidth = 40, FrameHeight = 30,
        });
        var layout = new DatasetLayout(root);
        var corrupt = Path.Combine(root, ListFile.Read(layout.ListPath(Medium.Image, "test"))[3].RelativePath);
        File.WriteAllBytes(corrupt, [1, 2, 3]);
        var empty = Path.Combine(root, ListFile.Read(layout.ListPath(Medium.Text, "test"))[5].RelativePath);
        File.WriteAllText(empty, "");
        var missing = Path.Combine(root, ListFile.Read(layout.ListPath(Medium.Video, "test"))[9].RelativePath);
        File.Delete(missing);
        return (root, [corrupt, empty, missing]);
    }
}
