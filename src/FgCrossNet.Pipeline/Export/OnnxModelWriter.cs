using System.Reflection;
using FgCrossNet.IO;
using FgCrossNet.Model;
using Google.Protobuf;
using Onnx;

namespace FgCrossNet.Export;

/// <summary>
/// Writes an <see cref="FgCrossNetModel"/> as ONNX (IR <see cref="FgCrossNetOnnxNames.IrVersion"/>, opset
/// <see cref="FgCrossNetOnnxNames.Opset"/>), as two files that share the weights' values and the metadata:
/// <list type="bullet">
/// <item><c>PATH</c> (e.g. <c>model.onnx</c>): the image entry point, for images, video frames and spectrograms,
/// input <see cref="FgCrossNetOnnxNames.ImageInput"/> float32 [N, 3, S, S] raw 0..255 RGB.</item>
/// <item><c>PATH</c> with <see cref="FgCrossNetOnnxNames.TextFileSuffix"/> (<c>model.text.onnx</c>): the text entry
/// point, input <see cref="FgCrossNetOnnxNames.TextInput"/> int64 [N, L].</item>
/// </list>
/// Both output <see cref="FgCrossNetOnnxNames.Logits"/> and <see cref="FgCrossNetOnnxNames.Features"/> [N, C] with a
/// symbolic batch dimension. Two files, because ONNX Runtime needs every graph input fed on every run. Each file is
/// written atomically, the text file first, so the image file (which names its companion) appears last.
/// </summary>
public static class OnnxModelWriter
{
    /// <summary>The text entry point's file for an image entry point's path.</summary>
    public static string TextPathFor(string imagePath)
    {
        var full = Path.GetFullPath(imagePath);
        var stem = full.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? full[..^".onnx".Length] : full;
        return stem + FgCrossNetOnnxNames.TextFileSuffix;
    }

    /// <summary>Writes both files; returns (image path, text path). The model is put in eval mode.</summary>
    public static (string ImagePath, string TextPath) Write(FgCrossNetModel model, FgCrossNetOnnxMetadata metadata, string imagePath)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(metadata);
        if (model.Config != metadata.Model) throw new ArgumentException($"metadata describes {metadata.Model} but the model is {model.Config}", nameof(metadata));
        if (!imagePath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException($"{imagePath}: the output file name must end in .onnx");
        if (imagePath.EndsWith(FgCrossNetOnnxNames.TextFileSuffix, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{imagePath}: name the image entry point's file; '{FgCrossNetOnnxNames.TextFileSuffix}' is the text file's suffix");
        model.eval();
        var image = Path.GetFullPath(imagePath);
        var text = TextPathFor(image);
        var textModel = Model(FgCrossNetOnnxGraph.Text(model), metadata.ToProperties(FgCrossNetOnnxNames.EntryPoints.Text, Path.GetFileName(image)), "FGCrossNet text entry point");
        AtomicFile.Write(text, stream => textModel.WriteTo(stream));
        var imageModel = Model(FgCrossNetOnnxGraph.Image(model, metadata.InputSize, metadata.Mean, metadata.Std),
            metadata.ToProperties(FgCrossNetOnnxNames.EntryPoints.Image, Path.GetFileName(text)), "FGCrossNet image entry point (images, video frames, spectrograms)");
        AtomicFile.Write(image, stream => imageModel.WriteTo(stream));
        return (image, text);
    }

    private static ModelProto Model(GraphProto graph, IReadOnlyList<KeyValuePair<string, string>> properties, string docString)
    {
        var model = new ModelProto
        {
            IrVersion = FgCrossNetOnnxNames.IrVersion,
            ProducerName = FgCrossNetOnnxNames.Producer,
            ProducerVersion = typeof(OnnxModelWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0",
            DocString = docString,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = FgCrossNetOnnxNames.Opset });
        foreach (var (key, value) in properties) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }
}
