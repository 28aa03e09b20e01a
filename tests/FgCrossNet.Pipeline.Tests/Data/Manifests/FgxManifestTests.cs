using FgCrossNet.Core;
using FgCrossNet.Data.Manifests;
using FgCrossNet.IO;

namespace FgCrossNet.Pipeline.Tests.Data.Manifests;

public class FgxManifestTests
{
    private static string CommittedFolder => Path.Combine(RepositoryPaths.Root, "data-manifests", "fg-xmedia");

    [Fact]
    public void TheCommittedManifestDescribesFgXMedia()
    {
        var manifest = FgxManifest.Load(CommittedFolder);
        Assert.Equal("fg-xmedia", manifest.Name);
        Assert.Equal(200, manifest.ClassCount);
        Assert.Equal(Media.All, manifest.Media.Select(m => m.Medium));
        Assert.Equal([5794, 4000, 6000, 5682], manifest.Media.Select(m => m.TestItems));
        Assert.Equal(25, manifest.MediumOf(Medium.Video)!.FramesPerVideo);
        Assert.Equal("audio/audioimg", manifest.MediumOf(Medium.Audio)!.MediaFolder);
        Assert.Equal(5794, manifest.OfficialTestEntries(Medium.Image)!.Count);
        Assert.Null(manifest.OfficialTestEntries(Medium.Video));
        Assert.Equal(5682, manifest.OfficialTestLabels(Medium.Video)!.Length);

        var albatross = manifest.Classes.Classes[0];
        Assert.Equal(new ClassInfo(0, "001.Black_footed_Albatross", "Black_footed_Albatross", "Black_footed_Albatross", "Black-footed Albatross"), albatross);
        Assert.Equal("Common Yellowthroat", manifest.Classes.Classes[199].DisplayName);
        // Audio folders spell some classes differently; every spelling maps to the class.
        Assert.Equal(18, manifest.Classes.LabelOfFolder("Grey_Catbird"));
        Assert.Equal(18, manifest.Classes.LabelOfFolder("019.Gray_Catbird"));
        Assert.Equal(18, manifest.Classes.LabelOfFolder("Gray_Catbird"));
        Assert.Equal(10, manifest.Classes.Classes.Count(c => c.AudioFolder != c.TextFolder));
    }

    [Fact]
    public void TheCommittedManifestEqualsAFreshBuildFromTheOfficialLists()
    {
        var official = RepositoryPaths.OfficialLists;
        Assert.True(Directory.Exists(official), $"official lists not found at {official}");
        using var dir = new TempFolder();
        ManifestBuilder.Build(official, dir.Path);
        foreach (var file in Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(dir.Path, file);
            var committed = Path.Combine(CommittedFolder, relative);
            Assert.True(File.Exists(committed), $"{relative} is built but not committed");
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(committed)), $"{relative} differs from a fresh build");
        }
    }

    [Fact]
    public void TheBuiltInNameResolvesToTheRepositoryFolder()
    {
        var manifest = FgxManifest.Resolve("fg-xmedia");
        Assert.Equal(Path.GetFullPath(CommittedFolder), manifest.Folder);
        Assert.Equal(manifest.Folder, FgxManifest.Resolve(CommittedFolder).Folder);
    }

    [Fact]
    public void AnUnknownNameSaysWhereItLooked()
    {
        var e = Assert.Throws<InvalidInputException>(() => FgxManifest.Resolve("no-such-manifest"));
        Assert.Contains("data-manifests", e.Message);
        Assert.Contains(FgxManifest.ManifestsEnvironmentVariable, e.Message);
    }

    [Theory]
    [InlineData("001.Black_footed_Albatross", "Black-footed Albatross")]
    [InlineData("159.Black_and_white_Warbler", "Black-and-white Warbler")]
    [InlineData("034.Gray_crowned_Rosy_Finch", "Gray-crowned Rosy Finch")]
    [InlineData("Cardinal", "Cardinal")]
    public void DisplayNamesHyphenateLowerCaseWords(string folder, string expected) =>
        Assert.Equal(expected, ClassTable.DisplayNameOf(folder));
}
