using FgCrossNet.Core;
using FgCrossNet.Data;
using FgCrossNet.Data.Loading;
using FgCrossNet.IO;
using TorchSharp;

namespace FgCrossNet.Pipeline.Tests.Data.Loading;

public sealed class CrossMediaLoaderTests : IDisposable
{
    private static readonly ImagePreprocessOptions Small = new() { Scale = 24, Crop = 20, Augmentation = ImageAugmentation.RandomCropAndFlip };
    private static readonly TextEncodingOptions ShortText = new() { Length = 32, RandomLeftPadding = true };
    private readonly TempFolder _dir = new();

    public CrossMediaLoaderTests() => LoadingFixtures.WriteSmallRoot(_dir.Path, imagesPerClass: 5, textsPerClass: 3, audioPerClass: 4, videosPerClass: 3);

    public void Dispose() => _dir.Dispose();

    private CrossMediaDatasets Open() => CrossMediaDatasets.Open(_dir.Path, "train", Small, ShortText);

    [Fact]
    public void BatchesStackBOfEveryMediumInStackingOrder()
    {
        var datasets = Open();
        using var loader = new CrossMediaLoader(datasets, new CrossMediaLoaderOptions { PerMedium = 2, Workers = 0, Seed = 3 });
        int steps = 0;
        foreach (var batch in loader.Epoch(0))
        {
            using (batch)
            {
                Assert.Equal(new long[] { 6, 3, 20, 20 }, batch.ImageLike!.shape);
                Assert.Equal(torch.ScalarType.Float32, batch.ImageLike.dtype);
                Assert.Equal(new long[] { 2, 32 }, batch.Text!.shape);
                Assert.Equal(torch.ScalarType.Int64, batch.Text.dtype);
                Assert.Equal(new long[] { 8 }, batch.Labels.shape);
                Assert.Equal(torch.ScalarType.Int64, batch.Labels.dtype);
                Assert.Equal([Medium.Image, Medium.Audio, Medium.Video], batch.ImageLikeMedia);

                var expected = batch.Media.SelectMany(m => batch.Step.IndicesOf(m).Select(i => (long)datasets.Get(m)!.Label(i))).ToArray();
                Assert.Equal(expected, batch.Labels.data<long>().ToArray());
                using var audio = batch.ImageLikeOf(Medium.Audio);
                Assert.Equal(new long[] { 2, 3, 20, 20 }, audio.shape);
                using var audioLabels = batch.LabelsOf(Medium.Audio);
                Assert.Equal(expected[4..6], audioLabels.data<long>().ToArray());
            }
            steps++;
        }
        // Largest medium: image train = 3 classes x 4 = 12 items (video train 3 x 2 videos x 2 frames = 12) → 6 steps.
        Assert.Equal(loader.StepsPerEpoch, steps);
        Assert.Equal(6, steps);
    }

    [Fact]
    public void PrefetchYieldsTheSameBatchesAsTheSynchronousPath()
    {
        var datasets = Open();
        var options = new CrossMediaLoaderOptions { PerMedium = 3, Seed = 11, Workers = 0 };
        using var synchronous = new CrossMediaLoader(datasets, options);
        using var prefetched = new CrossMediaLoader(datasets, options with { Workers = 3, PrefetchDepth = 2 });
        for (int epoch = 0; epoch < 2; epoch++)
        {
            var a = Snapshot(synchronous.Epoch(epoch));
            var b = Snapshot(prefetched.Epoch(epoch));
            Assert.Equal(a.Count, b.Count);
            for (int s = 0; s < a.Count; s++)
            {
                Assert.Equal(a[s].Images, b[s].Images);
                Assert.Equal(a[s].Text, b[s].Text);
                Assert.Equal(a[s].Labels, b[s].Labels);
            }
        }
        // Augmentation is on, so different epochs differ.
        Assert.NotEqual(Snapshot(synchronous.Epoch(0))[0].Images, Snapshot(synchronous.Epoch(1))[0].Images);
    }

    [Fact]
    public void ACorruptImageFailsFastNamingListFileLineAndPath()
    {
        var datasets = Open();
        var victim = (ImageListDataset)datasets.Audio!;
        File.WriteAllBytes(victim.FullPath(2), [0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
        foreach (int workers in new[] { 0, 2 })
        {
            using var loader = new CrossMediaLoader(datasets, new CrossMediaLoaderOptions { PerMedium = 2, Workers = workers, Seed = 1 });
            var e = Assert.Throws<InvalidInputException>(() => { foreach (var b in loader.Epoch(0)) b.Dispose(); });
            Assert.Equal(victim.ListPath, e.Path);
            Assert.Equal(victim.Entry(2).Line, e.Line);
            Assert.Contains(victim.Entry(2).RelativePath, e.Message);
        }
    }

    [Fact]
    public void SkipAndCountReplacesABadItemAndCountsIt()
    {
        var datasets = Open();
        var victim = (ImageListDataset)datasets.Image!;
        File.WriteAllBytes(victim.FullPath(0), "not an image"u8.ToArray());
        using var loader = new CrossMediaLoader(datasets, new CrossMediaLoaderOptions { PerMedium = 2, Workers = 2, Seed = 1, BadItems = BadItemPolicy.SkipAndCount });
        int steps = 0;
        foreach (var batch in loader.Epoch(0))
        {
            batch.Dispose();
            steps++;
        }
        Assert.Equal(loader.StepsPerEpoch, steps);
        Assert.Equal(1, loader.Statistics.BadItems);
        Assert.Contains(victim.Entry(0).RelativePath, loader.Statistics.BadItemMessages[0]);
    }

    [Fact]
    public void StoppingEarlyOrCancellingStopsTheWorkers()
    {
        var datasets = Open();
        using var loader = new CrossMediaLoader(datasets, new CrossMediaLoaderOptions { PerMedium = 2, Workers = 2, PrefetchDepth = 2 });
        foreach (var batch in loader.Epoch(0))
        {
            batch.Dispose();
            break; // the enumerator's finally stops and joins the workers
        }
        using var cancel = new CancellationTokenSource();
        int seen = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var batch in loader.Epoch(1, cancel.Token))
            {
                batch.Dispose();
                if (++seen == 2) cancel.Cancel();
            }
        });
        Assert.Equal(2, seen);
    }

    [Fact]
    public void ImageLikeMediaOfDifferentShapesAreRejected()
    {
        var layout = new DatasetLayout(_dir.Path);
        var image = new ImageListDataset(_dir.Path, layout.ListPath(Medium.Image, "train"), Medium.Image, Small);
        var audio = new ImageListDataset(_dir.Path, layout.ListPath(Medium.Audio, "train"), Medium.Audio, Small with { Crop = 16 });
        Assert.Throws<ArgumentException>(() => new CrossMediaLoader(new CrossMediaDatasets(Image: image, Audio: audio), new CrossMediaLoaderOptions()));
    }

    private sealed record Snap(float[] Images, long[] Text, long[] Labels);

    private static List<Snap> Snapshot(IEnumerable<CrossMediaBatch> batches)
    {
        var result = new List<Snap>();
        foreach (var b in batches)
            using (b)
                result.Add(new Snap(b.ImageLike!.data<float>().ToArray(), b.Text!.data<long>().ToArray(), b.Labels.data<long>().ToArray()));
        return result;
    }
}
