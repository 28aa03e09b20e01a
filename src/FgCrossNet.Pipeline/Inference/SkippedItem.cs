namespace FgCrossNet.Inference;

/// <summary>An input left out of extraction: its file and why.</summary>
public sealed record SkippedItem(string Path, string Problem);
