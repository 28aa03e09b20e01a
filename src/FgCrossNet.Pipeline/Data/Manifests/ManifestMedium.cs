using FgCrossNet.Core;

namespace FgCrossNet.Data.Manifests;

/// <summary>What a manifest expects of one medium of a dataset root.</summary>
/// <param name="Medium">The medium.</param>
/// <param name="MediaFolder">Folder (relative to the root) holding the medium's files, e.g. <c>audio/audioimg</c>.</param>
/// <param name="PathPattern">What a list path looks like, for people: <c>image/&lt;NNN.Class_Name&gt;/&lt;file&gt;.jpg</c>.</param>
/// <param name="TestItems">Items of the test split (for video: videos, each <see cref="FramesPerVideo"/> list lines).</param>
/// <param name="FramesPerVideo">Video only: frames listed per test video (FG-XMedia: 25).</param>
/// <param name="ListFiles">The medium's list files, relative to the root.</param>
/// <param name="OfficialTestList">The official <c>test.txt</c>, relative to the manifest folder; null when not published.</param>
/// <param name="OfficialTestLabels">The official <c>testlabel.txt</c>, relative to the manifest folder.</param>
public sealed record ManifestMedium(
    Medium Medium,
    string MediaFolder,
    string PathPattern,
    int TestItems,
    int? FramesPerVideo,
    IReadOnlyList<string> ListFiles,
    string? OfficialTestList,
    string? OfficialTestLabels)
{
    /// <summary>
    /// Which segment of a list path (split at '/') names the class folder: the one right under the media folder
    /// (<c>image/&lt;class&gt;/x.jpg</c>: 1; <c>audio/audioimg/&lt;class&gt;/x.png</c>: 2; <c>video/&lt;class&gt;/&lt;video&gt;/f.jpg</c>: 1).
    /// </summary>
    public static int ClassFolderSegment(Medium medium) => DatasetLayout.MediaFolder(medium).Count(c => c == '/') + 1;

    /// <summary>The list files every medium has: <c>list/&lt;medium&gt;/{train,test,testlabel}.txt</c>.</summary>
    public static IReadOnlyList<string> StandardListFiles(Medium medium) =>
        [$"list/{medium.FolderName()}/train.txt", $"list/{medium.FolderName()}/test.txt", $"list/{medium.FolderName()}/testlabel.txt"];
}
