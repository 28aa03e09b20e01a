using FgCrossNet.IO;
using Google.Protobuf;
using Onnx;

namespace FgCrossNet.Export;

/// <summary>
/// One file of an FGCrossNet export, checked: an ONNX model whose producer is <see cref="FgCrossNetOnnxNames.Producer"/>,
/// with metadata of format <see cref="FgCrossNetOnnxNames.FormatVersion"/>, an entry point and the input and outputs
/// that entry point has. Anything else is refused with <see cref="InvalidInputException"/> naming the file.
/// </summary>
public sealed class FgCrossNetOnnxFile
{
    private FgCrossNetOnnxFile(string path, string entryPoint, string companionPath, FgCrossNetOnnxMetadata metadata)
    {
        Path = path;
        EntryPoint = entryPoint;
        CompanionPath = companionPath;
        Metadata = metadata;
    }

    public string Path { get; }

    /// <summary><see cref="FgCrossNetOnnxNames.EntryPoints.Image"/> or <see cref="FgCrossNetOnnxNames.EntryPoints.Text"/>.</summary>
    public string EntryPoint { get; }

    /// <summary>The other entry point's file (beside this one); it may not exist.</summary>
    public string CompanionPath { get; }

    public FgCrossNetOnnxMetadata Metadata { get; }

    /// <summary>The name of this file's input: <see cref="FgCrossNetOnnxNames.ImageInput"/> or <see cref="FgCrossNetOnnxNames.TextInput"/>.</summary>
    public string InputName => EntryPoint == FgCrossNetOnnxNames.EntryPoints.Image ? FgCrossNetOnnxNames.ImageInput : FgCrossNetOnnxNames.TextInput;

    /// <summary>Reads and checks <paramref name="path"/> (either entry point's file).</summary>
    public static FgCrossNetOnnxFile Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var model = OnnxModelReader.Read(full);
        if (model.Graph is null || model.IrVersion == 0)
            throw new InvalidInputException(full, "not an ONNX model (no graph or IR version)");
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in model.MetadataProps) properties[entry.Key] = entry.Value;
        if (model.ProducerName != FgCrossNetOnnxNames.Producer || !properties.TryGetValue(FgCrossNetOnnxNames.Keys.Format, out var format))
            throw new InvalidInputException(full,
                $"not an FGCrossNet export (producer '{model.ProducerName}', no '{FgCrossNetOnnxNames.Keys.Format}' metadata); make one with fgcrossnet export");
        if (format != FgCrossNetOnnxNames.FormatVersion)
            throw new InvalidInputException(full, $"FGCrossNet export format {format}, but this version reads format {FgCrossNetOnnxNames.FormatVersion}");
        var metadata = FgCrossNetOnnxMetadata.FromProperties(properties, full);
        var entryPoint = properties[FgCrossNetOnnxNames.Keys.EntryPoint];
        var input = entryPoint switch
        {
            FgCrossNetOnnxNames.EntryPoints.Image => FgCrossNetOnnxNames.ImageInput,
            FgCrossNetOnnxNames.EntryPoints.Text => FgCrossNetOnnxNames.TextInput,
            _ => throw new InvalidInputException(full, $"unknown entry point '{entryPoint}'"),
        };
        var inputs = model.Graph.Input.Select(i => i.Name).Except(model.Graph.Initializer.Select(t => t.Name)).ToArray();
        var outputs = model.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        if (inputs.Length != 1 || inputs[0] != input || !outputs.Contains(FgCrossNetOnnxNames.Logits) || !outputs.Contains(FgCrossNetOnnxNames.Features))
            throw new InvalidInputException(full,
                $"an FGCrossNet {entryPoint} model must have the input '{input}' and the outputs '{FgCrossNetOnnxNames.Logits}', '{FgCrossNetOnnxNames.Features}'");
        var companion = properties.GetValueOrDefault(FgCrossNetOnnxNames.Keys.Companion, "");
        var companionPath = companion.Length == 0 ? "" : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, System.IO.Path.GetFileName(companion));
        return new FgCrossNetOnnxFile(full, entryPoint, companionPath, metadata);
    }

    /// <summary>The image and text files of an export, from either one; both must exist and agree.</summary>
    public static (FgCrossNetOnnxFile Image, FgCrossNetOnnxFile Text) OpenPair(string path)
    {
        var first = Open(path);
        if (first.CompanionPath.Length == 0 || !File.Exists(first.CompanionPath))
            throw new InvalidInputException(first.Path, $"its companion file '{first.CompanionPath}' is missing (an export writes both; export again)");
        var second = Open(first.CompanionPath);
        if (second.EntryPoint == first.EntryPoint || second.Metadata.Model != first.Metadata.Model)
            throw new InvalidInputException(second.Path, $"does not belong to {first.Path} (different entry point or network expected)");
        return first.EntryPoint == FgCrossNetOnnxNames.EntryPoints.Image ? (first, second) : (second, first);
    }
}
