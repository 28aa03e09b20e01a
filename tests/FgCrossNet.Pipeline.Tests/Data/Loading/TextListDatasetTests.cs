using FgCrossNet.Data;
using FgCrossNet.Data.Loading;
using FgCrossNet.IO;

namespace FgCrossNet.Pipeline.Tests.Data.Loading;

public class TextListDatasetTests
{
    [Fact]
    public void WholeFileJoinsLinesAndLastLineOnlyKeepsTheLastLine()
    {
        Assert.Equal("ab cd", TextFileReader.Select("ab\r\ncd\n", TextLineMode.WholeFile));
        Assert.Equal("cd", TextFileReader.Select("ab\r\ncd\n", TextLineMode.LastLineOnly));
        Assert.Equal("cd", TextFileReader.Select("ab\ncd", TextLineMode.LastLineOnly));
        // As Python's "for line in file": a blank line before the final newline is the last line.
        Assert.Equal("", TextFileReader.Select("ab\ncd\n\n", TextLineMode.LastLineOnly));
        Assert.Equal("", TextFileReader.Select("", TextLineMode.LastLineOnly));
    }

    [Fact]
    public void LeftPaddingOnlyWhenTraining()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("text/A/a.txt"), "ignored first line\nabc\n");
        ListFile.Write(dir.File("list/text/train.txt"), [new ListEntry("text/A/a.txt", 0)]);
        var options = new TextEncodingOptions { Length = 12, LineMode = TextLineMode.LastLineOnly, RandomLeftPadding = true };
        var dataset = new TextListDataset(dir.Path, Path.Combine(dir.Path, "list/text/train.txt"), options);
        Assert.Equal("abc", dataset.Text(0));

        var evaluation = new long[12];
        dataset.Prepare(0, null, evaluation);
        Assert.Equal(new long[] { 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, evaluation);

        var paddings = new HashSet<int>();
        for (int seed = 0; seed < 200; seed++)
        {
            var training = new long[12];
            dataset.Prepare(0, new Random(seed), training);
            int pad = Array.IndexOf(training, 1L);
            Assert.Equal(new long[] { 1, 2, 3 }, training[pad..(pad + 3)]);
            Assert.All(training[..pad], v => Assert.Equal(0, v));
            paddings.Add(pad);
        }
        Assert.Equal(new[] { 0, 2, 4, 6, 8 }, paddings.Order());
    }

    [Fact]
    public void WithoutRandomLeftPaddingTrainingEqualsEvaluation()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("text/A/a.txt"), "abc");
        ListFile.Write(dir.File("list/text/train.txt"), [new ListEntry("text/A/a.txt", 0)]);
        var dataset = new TextListDataset(dir.Path, Path.Combine(dir.Path, "list/text/train.txt"), new TextEncodingOptions { Length = 5 });
        var a = new long[5];
        var b = new long[5];
        dataset.Prepare(0, null, a);
        dataset.Prepare(0, new Random(1), b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void MissingTextNamesTheListFileAndLine()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("text/A/a.txt"), "abc");
        File.WriteAllText(dir.File("list/text/test.txt"), "text/A/a.txt 0\ntext/A/gone.txt 0\n");
        var list = Path.Combine(dir.Path, "list/text/test.txt");
        var e = Assert.Throws<InvalidInputException>(() => new TextListDataset(dir.Path, list, TextEncodingOptions.Paper));
        Assert.Equal(list, e.Path);
        Assert.Equal(2, e.Line);
        Assert.Contains("text/A/gone.txt", e.Message);
    }

    [Fact]
    public void InvalidUtf8NamesTheListFileAndLine()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("text/A/bad.txt"), [0x61, 0xff, 0xfe, 0x62]);
        File.WriteAllText(dir.File("list/text/test.txt"), "text/A/bad.txt 0\n");
        // Reported when the item is prepared, as an undecodable image is, so that a loader can skip it.
        var dataset = new TextListDataset(dir.Path, Path.Combine(dir.Path, "list/text/test.txt"), TextEncodingOptions.Paper);
        var e = Assert.Throws<InvalidInputException>(() => dataset.Prepare(0, null, new long[dataset.ItemLength]));
        Assert.Equal(1, e.Line);
        Assert.Contains("UTF-8", e.Message);
    }

    [Theory]
    [InlineData("", "empty text")]
    [InlineData(" \t\r\n", "empty text")]
    [InlineData("\uFEFF\n", "empty text")]
    [InlineData("ab\0cd", "NUL")]
    [InlineData("ÄÖÜ 日本", "no character of the vocabulary")]
    public void A_text_that_cannot_be_an_item_is_refused_naming_the_list_line(string content, string problem)
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("text/A/good.txt"), "a bird");
        File.WriteAllText(dir.File("text/A/bad.txt"), content);
        File.WriteAllText(dir.File("list/text/train.txt"), "text/A/good.txt 0\ntext/A/bad.txt 0\n");
        var dataset = new TextListDataset(dir.Path, Path.Combine(dir.Path, "list/text/train.txt"), TextEncodingOptions.Paper);
        dataset.Prepare(0, null, new long[dataset.ItemLength]);
        var e = Assert.Throws<InvalidInputException>(() => dataset.Prepare(1, null, new long[dataset.ItemLength]));
        Assert.Equal(2, e.Line);
        Assert.Contains("text/A/bad.txt", e.Message);
        Assert.Contains(problem, e.Message);
    }
}
