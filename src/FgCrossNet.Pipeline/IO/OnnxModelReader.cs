using Google.Protobuf;
using Onnx;

namespace FgCrossNet.IO;

/// <summary>Parses an ONNX file into its protobuf model, refusing a missing file or one that is not ONNX, by path.</summary>
public static class OnnxModelReader
{
    public static ModelProto Read(string fullPath)
    {
        if (!File.Exists(fullPath)) throw new InvalidInputException(fullPath, "ONNX model not found");
        try
        {
            using var stream = File.OpenRead(fullPath);
            return ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidInputException(fullPath, $"not an ONNX model ({e.Message})");
        }
    }
}
