namespace FgCrossNet.Data.Loading;

/// <summary>Chooses which frames of a video represent it at evaluation.</summary>
public static class FrameSampling
{
    /// <summary>
    /// The frame indices that represent a video of <paramref name="frameCount"/> listed frames:
    /// <see cref="VideoFrameSelection.AllListed"/> takes 0..F−1 in order, <see cref="VideoFrameSelection.Uniform"/>
    /// <paramref name="samples"/> of them (<see cref="Uniform"/>).
    /// </summary>
    public static int[] Select(VideoFrameSelection selection, int frameCount, int samples) => selection switch
    {
        VideoFrameSelection.AllListed when frameCount > 0 => [.. Enumerable.Range(0, frameCount)],
        VideoFrameSelection.AllListed => throw new ArgumentOutOfRangeException(nameof(frameCount), "a video needs at least one frame"),
        VideoFrameSelection.Uniform => Uniform(frameCount, samples),
        _ => throw new ArgumentOutOfRangeException(nameof(selection), selection, "unknown frame selection"),
    };

    /// <summary>
    /// <paramref name="samples"/> frame indices spread uniformly over <paramref name="frameCount"/> frames: the video is
    /// cut into equal segments and the frame at each segment's centre is taken, index i = floor((2i + 1) * F / (2N)).
    /// With N = F every frame is taken once, in order; with N &gt; F frames repeat.
    /// </summary>
    public static int[] Uniform(int frameCount, int samples)
    {
        if (frameCount <= 0) throw new ArgumentOutOfRangeException(nameof(frameCount), "a video needs at least one frame");
        if (samples <= 0) throw new ArgumentOutOfRangeException(nameof(samples), "sample at least one frame");
        var indices = new int[samples];
        for (int i = 0; i < samples; i++) indices[i] = (int)((2L * i + 1) * frameCount / (2L * samples));
        return indices;
    }
}
