using FgCrossNet.Core;
using FgCrossNet.Data;
using FgCrossNet.Synthetic;

namespace FgCrossNet.Pipeline.Tests.Data;

public class DatasetInventoryTests
{
    [Fact]
    public void Counts_per_medium_split_and_class_match_what_was_generated_with_videos_counted_as_videos()
    {
        using var dir = new TempFolder();
        var config = SyntheticConfig.Tiny(classes: 3, trainPerClass: 2, imageSize: 32) with { AudioSeconds = 0.3 };
        SyntheticDatasetGenerator.Generate(config, dir.Path, threads: 1);

        var inventory = DatasetInventory.Read(dir.Path);

        Assert.Equal(Media.All, inventory.Media);
        Assert.Equal(6, inventory.Count(Medium.Image, "train"));
        Assert.Equal(6, inventory.Count(Medium.Text, "test"));
        Assert.Equal(3, inventory.Count(Medium.Video, "train")); // one clip of 3 frames per class
        var rows = inventory.PerClass();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal((4, 4, 4, 2), (r.Image, r.Text, r.Audio, r.Video)));
        Assert.Equal(2, inventory.PerClass("train")[1].Image);

        var images = inventory.ItemsOf(Medium.Image, 2, count: 5);
        Assert.Equal(2, images.Count);
        Assert.All(images, p => Assert.True(File.Exists(p), p));
        var clip = Assert.Single(inventory.ItemsOf(Medium.Video, 1));
        Assert.Equal(3, Directory.GetFiles(clip).Length);
    }
}
