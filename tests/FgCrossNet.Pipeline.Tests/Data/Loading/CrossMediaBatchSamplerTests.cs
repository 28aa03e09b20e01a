using FgCrossNet.Core;
using FgCrossNet.Data.Loading;

namespace FgCrossNet.Pipeline.Tests.Data.Loading;

public class CrossMediaBatchSamplerTests
{
    private static readonly Medium[] Four = [Medium.Image, Medium.Text, Medium.Audio, Medium.Video];

    [Fact]
    public void SameSeedSameBatchesOtherSeedOrEpochOtherBatches()
    {
        int[] counts = [30, 13, 21, 50];
        var a = new CrossMediaBatchSampler(Four, counts, 4, seed: 7).Epoch(3);
        var b = new CrossMediaBatchSampler(Four, counts, 4, seed: 7).Epoch(3);
        Assert.Equal(Flatten(a), Flatten(b));
        Assert.NotEqual(Flatten(a), Flatten(new CrossMediaBatchSampler(Four, counts, 4, seed: 8).Epoch(3)));
        Assert.NotEqual(Flatten(a), Flatten(new CrossMediaBatchSampler(Four, counts, 4, seed: 7).Epoch(4)));
    }

    [Fact]
    public void BalancedEpochHasTheLargestMediumsBatchesAndBOfEveryMedium()
    {
        int[] counts = [30, 13, 21, 50];
        var sampler = new CrossMediaBatchSampler(Four, counts, 4, seed: 1);
        var steps = sampler.Epoch(0);
        Assert.Equal(50 / 4, steps.Count);
        foreach (var step in steps)
        {
            Assert.Equal(Four, step.Media);
            for (int m = 0; m < 4; m++)
            {
                Assert.Equal(4, step.Indices[m].Length);
                Assert.Equal(4, step.Indices[m].Distinct().Count()); // no repeats within a batch
                Assert.All(step.Indices[m], i => Assert.InRange(i, 0, counts[m] - 1));
            }
        }
        // The largest medium is seen once without repeats (12 batches of 4 of its 50 items).
        var video = steps.SelectMany(s => s.IndicesOf(Medium.Video)).ToArray();
        Assert.Equal(video.Length, video.Distinct().Count());
        // The smallest medium (13 items: 3 full batches per pass) is cycled: every item shows up, reshuffled per pass.
        var text = steps.SelectMany(s => s.IndicesOf(Medium.Text)).ToArray();
        Assert.Equal(48, text.Length);
        Assert.True(text.Distinct().Count() >= 12);
        Assert.NotEqual(text[..12], text[12..24]);
    }

    [Fact]
    public void ConfiguredStepsPerEpoch()
    {
        var steps = new CrossMediaBatchSampler(Four, [30, 13, 21, 50], 4, stepsPerEpoch: 40).Epoch(0);
        Assert.Equal(40, steps.Count);
    }

    [Fact]
    public void ReferenceZipTruncateStopsAtTheSmallestMediumInListOrder()
    {
        var sampler = new CrossMediaBatchSampler(Four, [30, 13, 21, 50], 4, seed: 1, policy: BatchPolicy.ReferenceZipTruncate);
        var steps = sampler.Epoch(0);
        Assert.Equal(13 / 4, steps.Count);
        for (int s = 0; s < steps.Count; s++)
            foreach (var indices in steps[s].Indices)
                Assert.Equal(Enumerable.Range(s * 4, 4), indices);
        Assert.Equal(Flatten(steps), Flatten(sampler.Epoch(5))); // the same every epoch
    }

    [Fact]
    public void AMediumWithFewerItemsThanBIsRejected() =>
        Assert.Throws<ArgumentException>(() => new CrossMediaBatchSampler(Four, [30, 3, 21, 50], 4));

    private static int[] Flatten(IReadOnlyList<CrossMediaStep> steps) => steps.SelectMany(s => s.Indices.SelectMany(i => i)).ToArray();
}
