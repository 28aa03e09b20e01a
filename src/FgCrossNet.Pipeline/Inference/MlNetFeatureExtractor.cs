using FgCrossNet.Export;
using Microsoft.ML;

namespace FgCrossNet.Inference;

/// <summary><see cref="IFeatureExtractor"/> on ML.NET: <see cref="ImageFeaturePipeline"/> and <see cref="TextFeaturePipeline"/> (built when first used).</summary>
public sealed class MlNetFeatureExtractor : IFeatureExtractor
{
    private readonly MLContext _ml = new(seed: 0);
    private readonly FgCrossNetOnnxFile _imageFile;
    private readonly FgCrossNetOnnxFile _textFile;
    private readonly ImageResizeMode _resize;
    private ImageFeaturePipeline? _image;
    private TextFeaturePipeline? _text;

    public MlNetFeatureExtractor(FgCrossNetOnnxFile image, FgCrossNetOnnxFile text, ExecutionProvider provider, ImageResizeMode resize = ImageResizeMode.PillowExact)
    {
        _imageFile = image;
        _textFile = text;
        _resize = resize;
        Provider = provider;
    }

    public FgCrossNetOnnxMetadata Metadata => _imageFile.Metadata;

    public ExecutionProvider Provider { get; }

    public IEnumerable<ItemFeatures> Images(IEnumerable<string> paths) =>
        (_image ??= new ImageFeaturePipeline(_imageFile, Provider, _resize, _ml)).Extract(paths);

    public IEnumerable<ItemFeatures> Texts(IEnumerable<string> texts) =>
        (_text ??= new TextFeaturePipeline(_textFile, Provider, _ml)).Extract(texts);

    public void Dispose()
    {
        _image?.Dispose();
        _text?.Dispose();
    }
}
