using FgCrossNet.Export;

namespace FgCrossNet.Inference;

/// <summary>
/// Computes retrieval features (the export's <see cref="Model.RetrievalFeature"/>, softmax scores by default) and logits from an FGCrossNet export: image-like files through its image entry
/// point, texts through its text entry point. Results come in input order, one per input; an unreadable input gives
/// its problem instead of a feature. Enumerations are lazy and streaming.
/// </summary>
public interface IFeatureExtractor : IDisposable
{
    FgCrossNetOnnxMetadata Metadata { get; }

    /// <summary>The execution provider the sessions run on.</summary>
    ExecutionProvider Provider { get; }

    IEnumerable<ItemFeatures> Images(IEnumerable<string> paths);

    IEnumerable<ItemFeatures> Texts(IEnumerable<string> texts);

    /// <summary>Opens the export of <paramref name="modelPath"/> (either file) with the chosen engine.</summary>
    static IFeatureExtractor Open(string modelPath, FeatureEngine engine, ExecutionProvider provider, ImageResizeMode resize = ImageResizeMode.PillowExact, int batchSize = 32)
    {
        var (image, text) = FgCrossNetOnnxFile.OpenPair(modelPath);
        return engine switch
        {
            FeatureEngine.MlNet => new MlNetFeatureExtractor(image, text, provider, resize),
            FeatureEngine.BatchedOrt when resize == ImageResizeMode.PillowExact => new BatchedOnnxFeatureExtractor(image, text, provider, batchSize),
            FeatureEngine.BatchedOrt => throw new ArgumentException("the batched ONNX Runtime engine preprocesses as training does (Pillow-exact); ML.NET's resize needs the ML.NET engine"),
            _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "unknown engine"),
        };
    }
}
