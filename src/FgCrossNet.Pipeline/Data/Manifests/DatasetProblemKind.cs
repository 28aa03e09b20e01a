namespace FgCrossNet.Data.Manifests;

/// <summary>The kinds of problem <see cref="DatasetCheck"/> reports.</summary>
public enum DatasetProblemKind
{
    /// <summary>A list file the manifest (or the medium's list folder) calls for is absent.</summary>
    MissingListFile,
    /// <summary>A list line without exactly two fields (path, label).</summary>
    WrongFieldCount,
    /// <summary>A label (in a list or testlabel.txt) that is not an integer.</summary>
    NonIntegerLabel,
    /// <summary>A label outside [0, class count).</summary>
    LabelOutOfRange,
    /// <summary>A list path that is absolute or climbs out of the root with '..': refused, never opened.</summary>
    PathEscapesRoot,
    /// <summary>A list path outside its medium's folder (e.g. an image list naming <c>text/...</c>).</summary>
    PathOutsideMediaFolder,
    /// <summary>The same path twice in one list.</summary>
    DuplicateEntry,
    /// <summary>A file listed in both the train and the test list.</summary>
    TrainTestOverlap,
    /// <summary>A listed file that does not exist.</summary>
    MissingFile,
    /// <summary>A file in a media folder that no list names.</summary>
    ExtraFile,
    /// <summary>A label that disagrees with the class folder in its path.</summary>
    Mislabelled,
    /// <summary>A class folder name the class table does not know.</summary>
    UnknownClassFolder,
    /// <summary>testlabel.txt disagrees with test.txt (count or labels).</summary>
    TestLabelMismatch,
    /// <summary>test.txt or testlabel.txt differs from the manifest's official copy.</summary>
    OfficialListMismatch,
    /// <summary>A medium's item count differs from the manifest's (or a video's frame count).</summary>
    CountMismatch,
    /// <summary>A video's frames are not consecutive in the list, or disagree on the label.</summary>
    VideoGrouping,
    /// <summary>An image that cannot be decoded or is truncated (not in a listing-only check).</summary>
    UnreadableImage,
    /// <summary>A text file that is not UTF-8 text, is binary, or has no character of the vocabulary (e.g. empty) (not in a listing-only check).</summary>
    UnreadableText,
}
