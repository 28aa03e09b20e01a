namespace FgCrossNet.Export;

/// <summary>What an export wrote: the two files (<see cref="OnnxModelWriter"/>) and the metadata they carry.</summary>
public sealed record ExportResult(string ImagePath, string TextPath, FgCrossNetOnnxMetadata Metadata, string CheckpointPath);
