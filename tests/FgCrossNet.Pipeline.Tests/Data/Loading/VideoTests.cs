using FgCrossNet.Core;
using FgCrossNet.Data;
using FgCrossNet.Data.Loading;
using FgCrossNet.IO;
using TorchSharp;

namespace FgCrossNet.Pipeline.Tests.Data.Loading;

public class VideoTests
{
    [Fact]
    public void ConsecutiveFramesOfAFolderFormOneVideo()
    {
        ListEntry[] frames =
        [
            new("video/A/v1/0.jpg", 0, 1), new("video/A/v1/1.jpg", 0, 2), new("video/A/v1/2.jpg", 0, 3),
            new("video/B/v7/0.jpg", 1, 4),
            new("video/A/v2/0.jpg", 0, 5), new("video/A/v2/1.jpg", 0, 6),
        ];
        var clips = VideoGrouping.Group(frames, "list.txt");
        Assert.Equal(["video/A/v1", "video/B/v7", "video/A/v2"], clips.Select(c => c.Folder));
        Assert.Equal([3, 1, 2], clips.Select(c => c.Frames.Count));
        Assert.Equal([0, 1, 0], clips.Select(c => c.Label));
    }

    [Fact]
    public void AFolderThatReappearsIsAnErrorNamingTheLine()
    {
        ListEntry[] frames = [new("video/A/v1/0.jpg", 0, 1), new("video/B/v2/0.jpg", 1, 2), new("video/A/v1/1.jpg", 0, 3)];
        var e = Assert.Throws<InvalidInputException>(() => VideoGrouping.Group(frames, "list.txt"));
        Assert.Equal(3, e.Line);
        Assert.Contains("not consecutive", e.Message);
    }

    [Fact]
    public void FramesOfOneVideoWithDifferentLabelsAreAnError()
    {
        ListEntry[] frames = [new("video/A/v1/0.jpg", 0, 1), new("video/A/v1/1.jpg", 2, 2)];
        var e = Assert.Throws<InvalidInputException>(() => VideoGrouping.Group(frames, "list.txt"));
        Assert.Equal(2, e.Line);
    }

    [Theory]
    [InlineData(25, 25, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24 })]
    [InlineData(10, 5, new[] { 1, 3, 5, 7, 9 })]   // centres of 5 segments of 2 frames
    [InlineData(9, 3, new[] { 1, 4, 7 })]
    [InlineData(2, 4, new[] { 0, 0, 1, 1 })]       // fewer frames than samples: frames repeat
    [InlineData(30, 1, new[] { 15 })]
    public void UniformSamplingTakesSegmentCentres(int frames, int samples, int[] expected) =>
        Assert.Equal(expected, FrameSampling.Uniform(frames, samples));

    [Fact]
    public void AllListedTakesEveryFrameInOrder() =>
        Assert.Equal([0, 1, 2, 3, 4], FrameSampling.Select(VideoFrameSelection.AllListed, 5, samples: 2));

    [Fact]
    public void ClipDatasetWithAllListedFramesTakesEachVideosFramesInListOrder()
    {
        using var dir = new TempFolder();
        LoadingFixtures.WriteSmallRoot(dir.Path, videosPerClass: 2); // 2 frames per video
        var list = new DatasetLayout(dir.Path).ListPath(Medium.Video, "test");
        var dataset = new VideoClipDataset(dir.Path, list, new ImagePreprocessOptions { Scale = 20, Crop = 16 }, framesPerVideo: 7,
            selection: VideoFrameSelection.AllListed);
        Assert.Equal(2, dataset.FramesPerVideo);
        Assert.Equal([0, 1], dataset.SampledFrames(0));
        Assert.Equal([2, 3], dataset.SampledFrames(1));
    }

    [Fact]
    public void AllListedFramesNeedTheSameCountForEveryVideo()
    {
        using var dir = new TempFolder();
        var list = dir.File("list/video/test.txt");
        ListFile.Write(list, [new ListEntry("video/A/v1/0.jpg", 0), new ListEntry("video/A/v1/1.jpg", 0), new ListEntry("video/B/v2/0.jpg", 1)]);
        var e = Assert.Throws<InvalidInputException>(() => new VideoClipDataset(dir.Path, list, new ImagePreprocessOptions { Scale = 20, Crop = 16 },
            requireFiles: false, selection: VideoFrameSelection.AllListed));
        Assert.Equal(3, e.Line);
        Assert.Contains("video_frames", e.Message);
    }

    [Fact]
    public void ClipDatasetYieldsNFramesPerVideoWithTheVideoLabel()
    {
        using var dir = new TempFolder();
        LoadingFixtures.WriteSmallRoot(dir.Path, videosPerClass: 2); // 2 frames per video; test list: 1 video per class
        var list = new DatasetLayout(dir.Path).ListPath(Medium.Video, "test");
        var dataset = new VideoClipDataset(dir.Path, list, new ImagePreprocessOptions { Scale = 20, Crop = 16 }, framesPerVideo: 4);
        Assert.Equal(3, dataset.Count);
        Assert.Equal([0, 1, 2], Enumerable.Range(0, 3).Select(dataset.Label));
        Assert.Equal([0, 0, 1, 1], dataset.SampledFrames(0));
        Assert.Equal([2, 2, 3, 3], dataset.SampledFrames(1));
        using var batch = DatasetBatches.Load(dataset, DatasetBatches.Range(0, 3));
        Assert.Equal(new long[] { 3, 4, 3, 16, 16 }, batch.shape);
        Assert.Equal(torch.ScalarType.Float32, batch.dtype);
        // Frames 0 and 1 of video 0 are the same sampled frame.
        using var first = batch[0, 0];
        using var second = batch[0, 1];
        Assert.Equal(first.data<float>().ToArray(), second.data<float>().ToArray());
    }
}
