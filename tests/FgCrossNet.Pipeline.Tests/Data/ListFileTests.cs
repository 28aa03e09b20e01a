using FgCrossNet.Data;
using FgCrossNet.IO;

namespace FgCrossNet.Pipeline.Tests.Data;

public class ListFileTests
{
    [Fact]
    public void Reads_entries_with_their_line_numbers()
    {
        using var dir = new TempFolder();
        var path = dir.File("test.txt");
        File.WriteAllText(path, "image/001.A/x.jpg 0\r\n\r\nimage\\002.B\\y.jpg 1\r\n");
        var entries = ListFile.Read(path, classCount: 2);
        Assert.Equal(new[] { new ListEntry("image/001.A/x.jpg", 0, 1), new ListEntry("image/002.B/y.jpg", 1, 3) }, entries);
    }

    [Theory]
    [InlineData("a.jpg", ListLineProblemKind.WrongFieldCount, "expected 2 fields")]
    [InlineData("a.jpg x", ListLineProblemKind.NonIntegerLabel, "not an integer")]
    [InlineData("a.jpg 5", ListLineProblemKind.LabelOutOfRange, "out of range [0, 3)")]
    [InlineData("a.jpg -1", ListLineProblemKind.LabelOutOfRange, "out of range")]
    [InlineData("../secret.jpg 0", ListLineProblemKind.PathEscapesRoot, "escapes the dataset root")]
    [InlineData("/etc/passwd 0", ListLineProblemKind.PathEscapesRoot, "absolute")]
    public void Bad_lines_are_named_by_kind_and_line(string bad, ListLineProblemKind kind, string message)
    {
        using var dir = new TempFolder();
        var path = dir.File("train.txt");
        File.WriteAllText(path, $"ok.jpg 0\n{bad}\nok2.jpg 1\n");
        var lines = ListFile.Scan(path, classCount: 3).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Equal(kind, lines[1].Problem!.Kind);
        Assert.NotNull(lines[2].Entry);
        var e = Assert.Throws<InvalidInputException>(() => ListFile.Read(path, classCount: 3));
        Assert.StartsWith(path + ":2:", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Resolve_keeps_paths_inside_the_root()
    {
        using var dir = new TempFolder();
        var entry = new ListEntry("image/a/b.jpg", 0, 1);
        Assert.Equal(Path.Combine(dir.Path, "image", "a", "b.jpg"), ListFile.Resolve(dir.Path, entry, "list"));
    }
}
