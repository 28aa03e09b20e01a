using FgCrossNet.Core.Retrieval;
using FgCrossNet.IO;

namespace FgCrossNet.Pipeline.Tests.IO;

public class FeatureTextFileTests
{
    [Fact]
    public void Write_then_read_is_exact()
    {
        using var dir = new TempFolder();
        var m = new FeatureMatrix(2, 3, [0.1f, -2.5e-8f, 3f, float.Epsilon, 1f / 3, 12345.678f]);
        var path = dir.File("f.txt");
        FeatureTextFile.Write(path, m);
        Assert.Equal(m.Data, FeatureTextFile.Read(path).Data);
    }

    [Fact]
    public void Reads_the_reference_format_with_CRLF_and_scientific_notation()
    {
        using var dir = new TempFolder();
        var path = dir.File("f.txt");
        File.WriteAllText(path, "1.000000e-01 2.0\t3\r\n4 5 6\r\n\r\n");
        var m = FeatureTextFile.Read(path);
        Assert.Equal((2, 3), (m.Rows, m.Dimension));
        Assert.Equal(new[] { 0.1f, 2, 3, 4, 5, 6 }, m.Data);
    }

    [Theory]
    [InlineData("1 2 3\n4 5\n", ":2:", "ragged")]
    [InlineData("1 2 3\n4 x 6\n", ":2:", "'x' is not a number")]
    [InlineData("1 2 3\n4 nan 6\n", ":2:", "finite")]
    [InlineData("1 2 inf\n", ":1:", "finite")]
    [InlineData("", "", "no feature rows")]
    public void Bad_files_are_refused_with_file_and_line(string content, string line, string problem)
    {
        using var dir = new TempFolder();
        var path = dir.File("features_te.txt");
        File.WriteAllText(path, content);
        var e = Assert.Throws<InvalidInputException>(() => FeatureTextFile.Read(path));
        Assert.StartsWith(path + line, e.Message);
        Assert.Contains(problem, e.Message);
    }
}
