using FgCrossNet.IO;

namespace FgCrossNet.Pipeline.Tests.IO;

public class LabelFileTests
{
    [Fact]
    public void Reads_CRLF_labels_like_the_official_testlabel_files()
    {
        using var dir = new TempFolder();
        var path = dir.File("testlabel.txt");
        File.WriteAllText(path, "0\r\n0\r\n199\r\n");
        Assert.Equal(new[] { 0, 0, 199 }, LabelFile.Read(path));
    }

    [Fact]
    public void Reads_the_official_image_labels()
    {
        var path = Path.Combine(RepositoryPaths.OfficialLists, "image", "testlabel.txt");
        var labels = LabelFile.Read(path);
        Assert.Equal(5794, labels.Length);
        Assert.Equal(0, labels.Min());
        Assert.Equal(199, labels.Max());
    }

    [Theory]
    [InlineData("1\n2.5\n", ":2:", "not an integer")]
    [InlineData("1\n-3\n", ":2:", "negative")]
    [InlineData("1\n\n2\n", ":2:", "blank line")]
    [InlineData("\n", "", "no labels")]
    public void Bad_labels_are_refused_with_file_and_line(string content, string line, string problem)
    {
        using var dir = new TempFolder();
        var path = dir.File("testlabel.txt");
        File.WriteAllText(path, content);
        var e = Assert.Throws<InvalidInputException>(() => LabelFile.Read(path));
        Assert.StartsWith(path + line, e.Message);
        Assert.Contains(problem, e.Message);
    }
}
