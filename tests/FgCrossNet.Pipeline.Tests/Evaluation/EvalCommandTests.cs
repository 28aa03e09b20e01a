using System.Text.Json;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core;
using FgCrossNet.Evaluation;
using FgCrossNet.IO;
using FgCrossNet.Synthetic;

namespace FgCrossNet.Pipeline.Tests.Evaluation;

public class EvalCommandTests
{
    private static readonly string[] PaperKeys =
    [
        "I->T", "I->A", "I->V", "T->I", "T->A", "T->V", "A->I", "A->T", "A->V", "V->I", "V->T", "V->A",
        "I->All", "T->All", "A->All", "V->All", "bimodal_avg", "multimodal_avg",
    ];

    private static IReadOnlyList<MediumFeatures> WriteFeatures(string dir, bool npy = false)
    {
        var media = SyntheticFeatureSet.Generate(SyntheticFeatureSet.ScaledCounts(0.01, 20), 20, seed: 3);
        FeatureFolder.Save(dir, dir, media, writeText: true, writeNpy: npy);
        return media;
    }

    [Fact]
    public void Writes_the_paper_keys_equal_to_the_library_scores()
    {
        using var dir = new TempFolder();
        var media = WriteFeatures(dir.Path);
        var json = Path.Combine(dir.Path, "out", "scores.json");
        var run = CliProcess.Run("eval", "--features", dir.Path, "--json", json);
        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Contains("| MAP |", run.StdOut);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var expected = CrossMediaScoreCard.Compute(CrossMediaRankings.Compute(media));
        foreach (var key in PaperKeys) Assert.Equal(JsonValueKind.Number, doc.RootElement.GetProperty(key).ValueKind);
        foreach (var t in expected.Bimodal.Concat(expected.Multimodal))
            Assert.Equal(t.Map, doc.RootElement.GetProperty(t.Task.Name).GetDouble(), 12);
        Assert.Equal(expected.BimodalAverage, doc.RootElement.GetProperty("bimodal_avg").GetDouble(), 12);
        Assert.False(doc.RootElement.GetProperty("protocol").GetProperty("exclude_self").GetBoolean());
    }

    [Fact]
    public void Exclude_self_and_confidence_intervals_are_recorded()
    {
        using var dir = new TempFolder();
        WriteFeatures(dir.Path, npy: true);
        var json = Path.Combine(dir.Path, "scores.json");
        var run = CliProcess.Run("eval", "--features", dir.Path, "--json", json, "--exclude-self", "--ci", "--resamples", "200");
        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Contains("EXCLUDED", run.StdOut);
        Assert.Contains("features_te.npy", run.StdOut);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(doc.RootElement.GetProperty("protocol").GetProperty("exclude_self").GetBoolean());
        var ci = doc.RootElement.GetProperty("tasks").GetProperty("I->All").GetProperty("map_ci");
        double map = doc.RootElement.GetProperty("I->All").GetDouble();
        Assert.InRange(map, ci[0].GetDouble(), ci[1].GetDouble());
    }

    public static TheoryData<string, Action<string>, string> BadInputs => new()
    {
        { "missing medium folder", dir => Directory.Delete(Path.Combine(dir, "audio"), true), "audio feature folder not found" },
        { "row count differs", dir => File.AppendAllText(Path.Combine(dir, "text", "testlabel.txt"), "1\n"), "feature rows but" },
        { "ragged row", dir => File.AppendAllText(Path.Combine(dir, "video", "features_te.txt"), "0.5 0.5\n"), "ragged" },
        { "non-numeric", dir => ReplaceFirst(Path.Combine(dir, "image", "features_te.txt"), "0.", "zz"), "is not a number" },
        { "NaN", dir => ReplaceFirst(Path.Combine(dir, "image", "features_te.txt"), " ", " NaN "), "finite" },
        { "label not integer", dir => ReplaceFirst(Path.Combine(dir, "image", "testlabel.txt"), "\n", ".5\n"), "not an integer" },
        { "empty file", dir => File.WriteAllText(Path.Combine(dir, "text", "features_te.txt"), ""), "no feature rows" },
        { ".npy claiming a huge shape", dir => WriteNpy(Path.Combine(dir, "image", "features_te.npy"), 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }", 64), "(100000, 100000)" },
        { ".npy v2 header length 0xFFFFFFFF", dir => WriteNpy(Path.Combine(dir, "image", "features_te.npy"), 2, null, 64), "header length" },
        { ".npy with a negative dimension", dir => WriteNpy(Path.Combine(dir, "image", "features_te.npy"), 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (-4, 5), }", 64), "(-4, 5)" },
    };

    /// <summary>A .npy file: magic, version, header length, header (null: claim 0xFFFFFFFF bytes of header), then zero bytes of data.</summary>
    private static void WriteNpy(string path, byte major, string? header, int dataBytes)
    {
        using var stream = File.Create(path);
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', major, 0]);
        var bytes = header is null ? [] : System.Text.Encoding.Latin1.GetBytes(header + "\n");
        if (major == 1) stream.Write(BitConverter.GetBytes((ushort)bytes.Length));
        else stream.Write(BitConverter.GetBytes(header is null ? uint.MaxValue : (uint)bytes.Length));
        stream.Write(bytes);
        stream.Write(new byte[dataBytes]);
    }

    [Fact]
    public void All_zero_feature_rows_are_counted_in_a_warning_that_says_how_they_are_ranked()
    {
        using var dir = new TempFolder();
        var media = WriteFeatures(dir.Path);
        var image = media.Single(m => m.Medium == Medium.Image);
        var rows = File.ReadAllLines(Path.Combine(dir.Path, "image", "features_te.txt"));
        var zero = string.Join(' ', Enumerable.Repeat("0", image.Features.Dimension));
        rows[0] = zero;
        rows[3] = zero;
        File.WriteAllLines(Path.Combine(dir.Path, "image", "features_te.txt"), rows);

        var run = CliProcess.Run("eval", "--features", dir.Path);

        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Contains($"warning: 2 of {image.Count} image feature rows are all zero", run.StdErr);
        Assert.Contains("similarity 0", run.StdErr);
        Assert.DoesNotContain("warning", run.StdOut);
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_exits_non_zero_naming_the_file_and_writes_nothing(string name, Action<string> breakIt, string message)
    {
        using var dir = new TempFolder();
        WriteFeatures(dir.Path);
        breakIt(dir.Path);
        var json = Path.Combine(dir.Path, "scores.json");
        var run = CliProcess.Run("eval", "--features", dir.Path, "--json", json);
        Assert.True(run.ExitCode != 0, name);
        Assert.Contains(message, run.StdErr);
        Assert.Contains(dir.Path, run.StdErr);
        Assert.DoesNotContain("   at ", run.StdErr); // no stack trace
        Assert.False(File.Exists(json));
    }

    private static void ReplaceFirst(string path, string what, string with)
    {
        var text = File.ReadAllText(path);
        int i = text.IndexOf(what, StringComparison.Ordinal);
        File.WriteAllText(path, text[..i] + with + text[(i + what.Length)..]);
    }
}
