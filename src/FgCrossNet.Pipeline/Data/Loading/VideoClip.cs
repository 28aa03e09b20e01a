namespace FgCrossNet.Data.Loading;

/// <summary>One video of a frame list: its folder (relative to the dataset root), label and frames in list order.</summary>
public sealed record VideoClip(string Folder, int Label, IReadOnlyList<ListEntry> Frames);
