using FgCrossNet.IO;
using FgCrossNet.Core;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// Videos of a frame list for evaluation: item i is video i (see <see cref="VideoGrouping"/>) as float32
/// [N, 3, Crop, Crop], its N frames chosen by <see cref="FrameSampling.Select"/>: all listed frames (the reference;
/// N = the frames every video lists, 25 on the official lists) or N uniformly sampled ones. A video's feature is then
/// pooled over its frames (<see cref="Model.VideoPooling"/>). For training, use an <see cref="ImageListDataset"/> over
/// the same list: every frame is a sample with its video's label.
/// </summary>
public sealed class VideoClipDataset : IListDataset<float>
{
    private readonly ImageListDataset _frames;
    private readonly int[] _firstFrame; // index into the frame list of each video's first frame
    private readonly int[][] _sampled;  // per video: frame-list indices of the sampled frames

    /// <summary>The videos of <paramref name="listPath"/>; <paramref name="framesPerVideo"/> is N for uniform sampling (ignored when all listed frames are taken).</summary>
    public VideoClipDataset(string root, string listPath, ImagePreprocessOptions options, int framesPerVideo = 25, int? classCount = null,
        bool requireFiles = true, VideoFrameSelection selection = VideoFrameSelection.Uniform)
    {
        if (framesPerVideo <= 0) throw new ArgumentOutOfRangeException(nameof(framesPerVideo), "frames per video must be positive");
        var entries = ListFile.Read(listPath, classCount);
        _frames = new ImageListDataset(root, listPath, entries, Medium.Video, options, requireFiles);
        Clips = VideoGrouping.Group(entries, listPath);
        if (selection == VideoFrameSelection.AllListed && Clips.Count > 0)
        {
            framesPerVideo = Clips[0].Frames.Count;
            if (Clips.FirstOrDefault(c => c.Frames.Count != framesPerVideo) is { } odd)
                throw new InvalidInputException(listPath, odd.Frames[0].Line,
                    $"video '{odd.Folder}' lists {odd.Frames.Count} frames but the first video lists {framesPerVideo}: taking all listed frames " +
                    "(data.video_frames = all_listed, the reference's rule) needs the same count for every video; use data.video_frames = uniform");
        }
        FramesPerVideo = framesPerVideo;
        _firstFrame = new int[Clips.Count];
        _sampled = new int[Clips.Count][];
        int first = 0;
        for (int v = 0; v < Clips.Count; v++)
        {
            _firstFrame[v] = first;
            _sampled[v] = FrameSampling.Select(selection, Clips[v].Frames.Count, framesPerVideo).Select(i => first + i).ToArray();
            first += Clips[v].Frames.Count;
        }
        ItemShape = [framesPerVideo, 3, options.Crop, options.Crop];
    }

    public IReadOnlyList<VideoClip> Clips { get; }

    /// <summary>Frames per prepared video, N.</summary>
    public int FramesPerVideo { get; }

    public Medium Medium => Medium.Video;

    public string ListPath => _frames.ListPath;

    public int Count => Clips.Count;

    public IReadOnlyList<long> ItemShape { get; }

    public int ItemLength => FramesPerVideo * _frames.ItemLength;

    public ListEntry Entry(int index) => _frames.Entry(_firstFrame[index]);

    public int Label(int index) => Clips[index].Label;

    /// <summary>Frame-list indices of the frames sampled for video <paramref name="index"/>.</summary>
    public IReadOnlyList<int> SampledFrames(int index) => _sampled[index];

    public void Prepare(int index, Random? random, Span<float> destination)
    {
        if (destination.Length != ItemLength) throw new ArgumentException($"destination holds {destination.Length} values, expected {ItemLength}", nameof(destination));
        int frameLength = _frames.ItemLength;
        var frames = _sampled[index];
        for (int f = 0; f < frames.Length; f++)
            _frames.Prepare(frames[f], random, destination.Slice(f * frameLength, frameLength));
    }
}
