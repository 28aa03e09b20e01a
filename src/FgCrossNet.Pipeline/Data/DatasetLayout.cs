using FgCrossNet.Core;

namespace FgCrossNet.Data;

/// <summary>
/// Where things are in a FG-XMedia dataset root (the real download and the synthetic one share it):
/// list files <c>list/&lt;medium&gt;/{train,test}.txt</c> and <c>list/&lt;medium&gt;/testlabel.txt</c>; media under
/// <c>image/&lt;NNN.Class_Name&gt;/</c>, <c>text/&lt;Class_Name&gt;/</c>, <c>audio/audioimg/&lt;Class_Name&gt;/</c> (spectrogram
/// PNGs) and <c>video/…</c> (frames as images, grouped by their video folder).
/// </summary>
public sealed class DatasetLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string ListFolder(Medium medium) => Path.Combine(Root, "list", medium.FolderName());

    /// <summary>The list of a split: <c>list/&lt;medium&gt;/&lt;split&gt;.txt</c> (split "train" or "test").</summary>
    public string ListPath(Medium medium, string split) => Path.Combine(ListFolder(medium), $"{split}.txt");

    public string TestLabelPath(Medium medium) => Path.Combine(ListFolder(medium), "testlabel.txt");

    /// <summary>
    /// The folder of a medium's files, relative to the root: <c>image</c>, <c>text</c>, <c>audio/audioimg</c> (the
    /// spectrogram images made from the recordings), <c>video</c>.
    /// </summary>
    public static string MediaFolder(Medium medium) => medium == Medium.Audio ? "audio/audioimg" : medium.FolderName();

    /// <summary>Folder of the spectrogram images made from the recordings: <see cref="MediaFolder"/> of audio.</summary>
    public string AudioImageFolder => Path.Combine(Root, MediaFolder(Medium.Audio));
}
