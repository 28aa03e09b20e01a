using FgCrossNet.Export;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;

namespace FgCrossNet.Inference;

/// <summary>
/// The ML.NET pipeline from text to its feature through the text entry point of an export: a custom mapping encodes
/// the text with training's <see cref="Data.Loading.CharacterTextEncoder"/> into an int64 vector [L] →
/// ApplyOnnxModel → features [C]. A text that encodes as padding only yields its problem instead of a feature.
/// </summary>
public sealed class TextFeaturePipeline : IDisposable
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly TextInputEncoder _encoder;
    private readonly Model.RetrievalFeature _feature;

    public TextFeaturePipeline(FgCrossNetOnnxFile export, ExecutionProvider provider, MLContext? ml = null)
    {
        if (export.EntryPoint != FgCrossNetOnnxNames.EntryPoints.Text) throw new ArgumentException($"{export.Path} is the {export.EntryPoint} entry point, not the text one");
        _ml = ml ?? new MLContext(seed: 0);
        _feature = export.Metadata.RetrievalFeature;
        _encoder = new TextInputEncoder(export.Metadata.Text);
        int length = export.Metadata.Model.TextLength;
        var output = SchemaDefinition.Create(typeof(TokensRow));
        output[FgCrossNetOnnxNames.TextInput].ColumnType = new VectorDataViewType(NumberDataViewType.Int64, length);
        var pipeline = _ml.Transforms.CustomMapping<TextRow, TokensRow>(Encode, contractName: null, outputSchemaDefinition: output)
            .Append(_ml.Transforms.ApplyOnnxModel(new OnnxOptions
            {
                ModelFile = export.Path,
                InputColumns = [FgCrossNetOnnxNames.TextInput],
                OutputColumns = OnnxOutputRow.Columns,
                ShapeDictionary = new Dictionary<string, int[]> { [FgCrossNetOnnxNames.TextInput] = [1, length] },
                GpuDeviceId = provider.GpuDeviceId,
                FallbackToCpu = true,
            }));
        _model = pipeline.Fit(_ml.Data.LoadFromEnumerable(Array.Empty<TextRow>()));
        Provider = provider;
    }

    public ExecutionProvider Provider { get; }

    public TextInputEncoder Encoder => _encoder;

    /// <summary>Features of the texts in order, one result per text.</summary>
    public IEnumerable<ItemFeatures> Extract(IEnumerable<string> texts)
    {
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t })));
        foreach (var row in _ml.Data.CreateEnumerable<OnnxOutputRow>(scored, reuseRowObject: false))
            yield return row.ToItem(_feature);
    }

    private void Encode(TextRow source, TokensRow target)
    {
        target.Tokens = new long[_encoder.Length];
        target.Problem = _encoder.TryEncode(source.Text, target.Tokens) ?? "";
    }

    public void Dispose() => (_model as IDisposable)?.Dispose();

    public sealed class TextRow
    {
        public string Text { get; set; } = "";
    }

    public sealed class TokensRow
    {
        [ColumnName(FgCrossNetOnnxNames.TextInput)]
        public long[] Tokens { get; set; } = [];

        public string Problem { get; set; } = "";
    }

}
