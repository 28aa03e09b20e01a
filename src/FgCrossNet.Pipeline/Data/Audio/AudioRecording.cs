using FgCrossNet.Core;

namespace FgCrossNet.Data.Audio;

/// <summary>One recording to convert into a spectrogram image.</summary>
/// <param name="SourcePath">The recording (WAV or MP3).</param>
/// <param name="ClassName">The class folder name without <c>NNN.</c> number, as the audio layout uses it.</param>
/// <param name="Label">0-based class label.</param>
/// <param name="IsTest">True for the test split, false for train.</param>
public sealed record AudioRecording(string SourcePath, string ClassName, int Label, bool IsTest)
{
    /// <summary>Where its image goes, relative to the dataset root: <c>audio/audioimg/&lt;ClassName&gt;/&lt;file name without extension&gt;.png</c>.</summary>
    public string RelativeImagePath => $"{DatasetLayout.MediaFolder(Medium.Audio)}/{ClassName}/{Path.GetFileNameWithoutExtension(SourcePath)}.png";
}
