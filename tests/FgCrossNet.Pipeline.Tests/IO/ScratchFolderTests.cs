using FgCrossNet.IO;

namespace FgCrossNet.Pipeline.Tests.IO;

public class ScratchFolderTests
{
    [Fact]
    public void A_fresh_folder_is_empty_reused_by_name_and_inside_the_scratch_root()
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..8];
        var first = ScratchFolder.Fresh(name);
        try
        {
            File.WriteAllText(Path.Combine(first, "left-over.txt"), "x");
            var second = ScratchFolder.Fresh(name);
            Assert.Equal(first, second);
            Assert.Empty(Directory.EnumerateFileSystemEntries(second));
            Assert.StartsWith(ScratchFolder.Root + Path.DirectorySeparatorChar, second, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(first, recursive: true);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    public void A_name_that_is_not_a_plain_folder_name_is_refused(string name) =>
        Assert.Throws<ArgumentException>(() => ScratchFolder.Fresh(name));
}
