using FgCrossNet.Core;
using FgCrossNet.Data.Loading;
using FgCrossNet.Data.Manifests;
using FgCrossNet.Data;
using FgCrossNet.IO;
using FgCrossNet.Synthetic;

namespace FgCrossNet.Pipeline.Tests.Data.Manifests;

public class DatasetCheckTests
{
    /// <summary>A small root: 3 classes; per class 3 images, 2 texts, 2 spectrograms, 2 videos of 2 frames; 1 of each in test.</summary>
    private static DatasetLayout WriteRoot(string root)
    {
        FixtureRootWriter.Write(root, new FixtureRootWriter.Options
        {
            Classes = 3, ImagesPerClass = 3, TextsPerClass = 2, AudioPerClass = 2, VideosPerClass = 2, FramesPerVideo = 2,
            ImageWidth = 24, ImageHeight = 16, SpectrogramWidth = 16, SpectrogramHeight = 12, FrameWidth = 16, FrameHeight = 12,
        });
        return new DatasetLayout(root);
    }

    /// <summary>A manifest whose "official" lists are the root's test lists, as fg-xmedia's are for the real dataset.</summary>
    private static FgxManifest ManifestOf(DatasetLayout layout, string folder)
    {
        var official = Path.Combine(folder, "official");
        foreach (var m in Media.All)
        {
            Directory.CreateDirectory(Path.Combine(official, m.FolderName()));
            File.Copy(layout.ListPath(m, "test"), Path.Combine(official, m.FolderName(), "test.txt"));
            File.Copy(layout.TestLabelPath(m), Path.Combine(official, m.FolderName(), "testlabel.txt"));
        }
        return ManifestBuilder.Build(official, Path.Combine(folder, "manifest"), classCount: 3, framesPerVideo: 2);
    }

    [Fact]
    public void AGoodRootPassesWithAndWithoutAManifest()
    {
        using var dir = new TempFolder();
        var layout = WriteRoot(Path.Combine(dir.Path, "root"));
        var alone = DatasetCheck.Run(layout.Root, null, new DatasetCheckOptions { VerifyDecode = true });
        Assert.True(alone.Ok, alone.Format());
        Assert.Contains("classes.txt", alone.ClassSource);
        var manifest = ManifestOf(layout, dir.Path);
        var checkedAgainst = DatasetCheck.Run(layout.Root, manifest, new DatasetCheckOptions { VerifyDecode = true });
        Assert.True(checkedAgainst.Ok, checkedAgainst.Format());
        Assert.Equal([3, 3, 3, 3], checkedAgainst.Media.Select(m => m.TestItems!.Value));
    }

    public enum Breakage
    {
        DeleteAnImage, AddAStrayImage, RelabelATrainImage, AddALineWithThreeFields, AddANonIntegerLabel, AddALabelOutOfRange,
        AddAPathEscapingTheRoot, ChangeATestLabel, DropATestImage, SwapTwoTestImages, DeleteATrainList, UseAnUnknownClassFolder,
        RelabelWithoutAClassTable, InterleaveVideoFrames, ListATestImageForTraining, ListATextInTheImageList, CorruptAJpeg, EmptyAText,
    }

    [Theory]
    [InlineData(Breakage.DeleteAnImage, DatasetProblemKind.MissingFile, "list/image/train.txt:1")]
    [InlineData(Breakage.AddAStrayImage, DatasetProblemKind.ExtraFile, "image/001.Black_footed_Albatross/stray.jpg")]
    [InlineData(Breakage.RelabelATrainImage, DatasetProblemKind.Mislabelled, "list/image/train.txt:1")]
    [InlineData(Breakage.AddALineWithThreeFields, DatasetProblemKind.WrongFieldCount, "list/image/train.txt:7")]
    [InlineData(Breakage.AddANonIntegerLabel, DatasetProblemKind.NonIntegerLabel, "list/image/train.txt:7")]
    [InlineData(Breakage.AddALabelOutOfRange, DatasetProblemKind.LabelOutOfRange, "list/image/train.txt:7")]
    [InlineData(Breakage.AddAPathEscapingTheRoot, DatasetProblemKind.PathEscapesRoot, "list/image/train.txt:7")]
    [InlineData(Breakage.ChangeATestLabel, DatasetProblemKind.TestLabelMismatch, "list/image/testlabel.txt:1")]
    [InlineData(Breakage.DropATestImage, DatasetProblemKind.CountMismatch, "list/image/test.txt")]
    [InlineData(Breakage.DropATestImage, DatasetProblemKind.OfficialListMismatch, "list/image/test.txt")]
    [InlineData(Breakage.SwapTwoTestImages, DatasetProblemKind.OfficialListMismatch, "list/image/test.txt:1")]
    [InlineData(Breakage.DeleteATrainList, DatasetProblemKind.MissingListFile, "list/audio/train.txt")]
    [InlineData(Breakage.UseAnUnknownClassFolder, DatasetProblemKind.UnknownClassFolder, "list/image/train.txt:1")]
    [InlineData(Breakage.RelabelWithoutAClassTable, DatasetProblemKind.Mislabelled, "list/image/train.txt:1")]
    [InlineData(Breakage.InterleaveVideoFrames, DatasetProblemKind.VideoGrouping, "list/video/test.txt:4")]
    [InlineData(Breakage.ListATestImageForTraining, DatasetProblemKind.TrainTestOverlap, "list/image/test.txt:1")]
    [InlineData(Breakage.ListATestImageForTraining, DatasetProblemKind.DuplicateEntry, "list/image/train.txt:8")]
    [InlineData(Breakage.ListATextInTheImageList, DatasetProblemKind.PathOutsideMediaFolder, "list/image/train.txt:7")]
    [InlineData(Breakage.CorruptAJpeg, DatasetProblemKind.UnreadableImage, "image/001.Black_footed_Albatross/Black_footed_Albatross_0001.jpg")]
    [InlineData(Breakage.EmptyAText, DatasetProblemKind.UnreadableText, "text/Black_footed_Albatross/Black_footed_Albatross_0.txt")]
    public void EachProblemKindIsReportedWithItsFileAndLine(Breakage breakage, DatasetProblemKind kind, string where)
    {
        using var dir = new TempFolder();
        var layout = WriteRoot(Path.Combine(dir.Path, "root"));
        var manifest = ManifestOf(layout, dir.Path);
        bool useManifest = Break(layout, breakage);
        var report = DatasetCheck.Run(layout.Root, useManifest ? manifest : null, new DatasetCheckOptions { VerifyDecode = true });
        Assert.False(report.Ok);
        Assert.True(report.CountOf(kind) >= 1, $"expected {kind}; got:\n{report.Format()}");
        Assert.Contains(report.Examples(kind), p => p.ToString().Replace('\\', '/').Contains(where));
        Assert.Contains(DatasetCheckReport.Describe(kind), report.Format());
    }

    /// <summary>Breaks the root; returns whether to check against the manifest.</summary>
    private static bool Break(DatasetLayout layout, Breakage breakage)
    {
        string imageTrain = layout.ListPath(Medium.Image, "train"), imageTest = layout.ListPath(Medium.Image, "test");
        string firstTrainImage = Path.Combine(layout.Root, File.ReadLines(imageTrain).First().Split(' ')[0]);
        void Append(string list, string line) => File.AppendAllText(list, line + "\n");
        void EditLines(string list, Func<string[], string[]> edit) => File.WriteAllLines(list, edit(File.ReadAllLines(list)));
        switch (breakage)
        {
            case Breakage.DeleteAnImage: File.Delete(firstTrainImage); return false;
            case Breakage.AddAStrayImage: File.Copy(firstTrainImage, Path.Combine(Path.GetDirectoryName(firstTrainImage)!, "stray.jpg")); return false;
            case Breakage.RelabelATrainImage: EditLines(imageTrain, l => [l[0].Replace(" 0", " 2"), .. l[1..]]); return true;
            case Breakage.AddALineWithThreeFields: Append(imageTrain, "image/a.jpg 0 extra"); return false;
            case Breakage.AddANonIntegerLabel: Append(imageTrain, "image/a.jpg zero"); return false;
            case Breakage.AddALabelOutOfRange: Append(imageTrain, "image/a.jpg 3"); return false;
            case Breakage.AddAPathEscapingTheRoot: Append(imageTrain, "../../etc/passwd 0"); return false;
            case Breakage.ChangeATestLabel: EditLines(layout.TestLabelPath(Medium.Image), l => ["2", .. l[1..]]); return false;
            case Breakage.DropATestImage:
                EditLines(imageTest, l => l[..^1]);
                EditLines(layout.TestLabelPath(Medium.Image), l => l[..^1]);
                return true;
            case Breakage.SwapTwoTestImages:
                EditLines(imageTest, l => [l[1], l[0], .. l[2..]]);
                EditLines(layout.TestLabelPath(Medium.Image), l => [l[1], l[0], .. l[2..]]);
                return true;
            case Breakage.DeleteATrainList: File.Delete(layout.ListPath(Medium.Audio, "train")); return false;
            case Breakage.UseAnUnknownClassFolder:
                var moved = Path.Combine(layout.Root, "image", "999.Dodo", "x.jpg");
                Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
                File.Move(firstTrainImage, moved);
                EditLines(imageTrain, l => ["image/999.Dodo/x.jpg 0", .. l[1..]]);
                return true;
            case Breakage.RelabelWithoutAClassTable:
                File.Delete(Path.Combine(layout.Root, "classes.txt"));
                EditLines(imageTrain, l => [l[0].Replace(" 0", " 2"), .. l[1..]]);
                return false;
            case Breakage.InterleaveVideoFrames:
                // Test list: 3 videos of 2 frames; move the first video's second frame after the second video.
                EditLines(layout.ListPath(Medium.Video, "test"), l => [l[0], l[2], l[3], l[1], .. l[4..]]);
                return false;
            case Breakage.ListATestImageForTraining: Append(imageTrain, File.ReadLines(imageTest).First()); Append(imageTrain, File.ReadLines(imageTest).First()); return false;
            case Breakage.ListATextInTheImageList: Append(imageTrain, File.ReadLines(layout.ListPath(Medium.Text, "train")).First()); return false;
            case Breakage.CorruptAJpeg:
                var jpeg = Path.Combine(layout.Root, "image/001.Black_footed_Albatross/Black_footed_Albatross_0001.jpg");
                File.WriteAllBytes(jpeg, File.ReadAllBytes(jpeg)[..200]);
                return false;
            case Breakage.EmptyAText: File.WriteAllText(Path.Combine(layout.Root, "text/Black_footed_Albatross/Black_footed_Albatross_0.txt"), " \n"); return false;
            default: throw new ArgumentOutOfRangeException(nameof(breakage));
        }
    }

    [Fact]
    public void TheOfficialListsAgreeWithTheClassTableAndTheManifestCounts()
    {
        // A root holding only the official test lists: every listed file is missing, but nothing else may be wrong:
        // no mislabel (the class table agrees with every official path), no count or official-list mismatch.
        using var dir = new TempFolder();
        var official = RepositoryPaths.OfficialLists;
        foreach (var m in Media.All)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(official, m.FolderName())))
            {
                var target = Path.Combine(dir.Path, "list", m.FolderName(), Path.GetFileName(file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
        var report = DatasetCheck.Run(dir.Path, FgxManifest.Resolve("fg-xmedia"));
        Assert.Equal(5794 + 4000 + 6000, report.CountOf(DatasetProblemKind.MissingFile));
        Assert.Equal(5, report.CountOf(DatasetProblemKind.MissingListFile)); // 4 train lists, video test list
        Assert.Equal([DatasetProblemKind.MissingListFile, DatasetProblemKind.MissingFile], report.Kinds);
    }

    [Fact]
    public void TheCommandExits0WhenGood1WithAReportWhenBroken2WhenTheRootIsMissing()
    {
        using var dir = new TempFolder();
        var layout = WriteRoot(Path.Combine(dir.Path, "root"));
        var good = CliProcess.Run("data", "check", "--root", layout.Root);
        Assert.True(good.ExitCode == 0, good.StdOut + good.StdErr);
        Assert.Contains("OK", good.StdOut);

        var manifest = ManifestOf(layout, dir.Path);
        File.Delete(Path.Combine(layout.Root, File.ReadLines(layout.ListPath(Medium.Audio, "test")).First().Split(' ')[0]));
        var broken = CliProcess.Run("data", "check", "--root", layout.Root, "--manifest", manifest.Folder);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("missing files: 1", broken.StdOut);
        Assert.Contains("list/audio/test.txt:1", broken.StdOut);

        var missing = CliProcess.Run("data", "check", "--root", Path.Combine(dir.Path, "nowhere"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("dataset root not found", missing.StdErr);
        Assert.DoesNotContain("   at ", missing.StdErr);
    }

    [Fact]
    public void The_command_decodes_every_item_by_default_and_lists_only_with_listing_only()
    {
        using var dir = new TempFolder();
        var layout = WriteRoot(Path.Combine(dir.Path, "root"));
        var image = ListFile.Read(layout.ListPath(Medium.Audio, "train"))[0].RelativePath;
        var bytes = File.ReadAllBytes(Path.Combine(layout.Root, image));
        File.WriteAllBytes(Path.Combine(layout.Root, image), bytes[..(bytes.Length / 3)]);

        var full = CliProcess.Run("data", "check", "--root", layout.Root);
        Assert.Equal(1, full.ExitCode);
        Assert.Contains("unreadable images: 1", full.StdOut);
        Assert.Contains(image, full.StdOut);
        // The summary names the items decoded and the measured rate.
        Assert.Matches(@"decoded [\d,]+ items in [\d.]+ s \([\d,.]+ items/s\)", full.StdOut);

        var listing = CliProcess.Run("data", "check", "--root", layout.Root, "--listing-only");
        Assert.True(listing.ExitCode == 0, listing.StdOut + listing.StdErr);
        Assert.DoesNotContain("decoded", listing.StdOut);
    }
}
