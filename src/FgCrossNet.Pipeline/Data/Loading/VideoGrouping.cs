using FgCrossNet.IO;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// Groups a video frame list into videos: consecutive entries whose paths share the parent folder are the frames of
/// one video (the FG-XMedia video lists hold 25 consecutive frames per test video, and <c>testlabel.txt</c> has one
/// label per video in that order).
/// </summary>
public static class VideoGrouping
{
    /// <summary>The parent folder of a list path ("video/x/clip1/f.jpg" → "video/x/clip1").</summary>
    public static string FolderOf(string relativePath)
    {
        var p = relativePath.Replace('\\', '/');
        int slash = p.LastIndexOf('/');
        return slash < 0 ? "" : p[..slash];
    }

    /// <summary>
    /// The videos of a frame list. A folder that reappears after another folder, or frames of one video with
    /// different labels, are errors naming <paramref name="listPath"/> and the line.
    /// </summary>
    public static IReadOnlyList<VideoClip> Group(IReadOnlyList<ListEntry> frames, string listPath)
    {
        var clips = new List<VideoClip>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal); // folder → line of its first frame
        int start = 0;
        while (start < frames.Count)
        {
            var folder = FolderOf(frames[start].RelativePath);
            if (seen.TryGetValue(folder, out var firstLine))
                throw new InvalidInputException(listPath, frames[start].Line,
                    $"frames of video folder '{folder}' are not consecutive (its earlier frames start at line {firstLine})");
            seen.Add(folder, frames[start].Line);
            int end = start + 1;
            while (end < frames.Count && FolderOf(frames[end].RelativePath) == folder)
            {
                if (frames[end].Label != frames[start].Label)
                    throw new InvalidInputException(listPath, frames[end].Line,
                        $"frame label {frames[end].Label} differs from label {frames[start].Label} of the video's first frame (line {frames[start].Line})");
                end++;
            }
            clips.Add(new VideoClip(folder, frames[start].Label, frames.Skip(start).Take(end - start).ToArray()));
            start = end;
        }
        return clips;
    }
}
