namespace FgCrossNet.Data.Audio;

/// <summary>A recording that could not be converted, and why.</summary>
public sealed record SkippedRecording(string SourcePath, string Problem);
