using FgCrossNet.Core;

namespace FgCrossNet.Inference;

/// <summary>One item of a retrieval gallery: its medium, label, path relative to the dataset root (a video: its frame folder) and row in the gallery.</summary>
public sealed record GalleryItem(Medium Medium, int Label, string RelativePath, int Row);
