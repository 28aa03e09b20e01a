namespace FgCrossNet.Data.Loading;

/// <summary>Which of a video's listed frames represent it at evaluation (<see cref="FrameSampling.Select"/>).</summary>
public enum VideoFrameSelection
{
    /// <summary>
    /// Every frame the list gives for the video, in list order: the reference's rule (its test script feeds each block
    /// of 25 consecutive lines of <c>list/video/test.txt</c>, which on the official lists are exactly one video's 25
    /// frames). Every video of the list must list the same number of frames.
    /// </summary>
    AllListed,

    /// <summary>Ours: <c>data.video_eval_frames</c> frames spread uniformly over the video (<see cref="FrameSampling.Uniform"/>).</summary>
    Uniform,
}
