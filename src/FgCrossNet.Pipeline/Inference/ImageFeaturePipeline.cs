using FgCrossNet.Export;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using Microsoft.ML.Transforms.Onnx;

namespace FgCrossNet.Inference;

/// <summary>
/// The ML.NET pipeline from an image-like file (photo, video frame, spectrogram) to its feature through the image entry
/// point of an export: <c>path → raw pixels [3, S, S] (0..255) → ApplyOnnxModel → features [C]</c>, the raw pixels made
/// as <see cref="ImageResizeMode"/> says. Fitted once on an empty input of the right schema; rows stream through.
/// A file that cannot be read yields an <see cref="ItemFeatures"/> with its problem instead of stopping the pipeline.
/// </summary>
public sealed class ImageFeaturePipeline : IDisposable
{
    private const string LoadedColumn = "loaded_image";
    private const string ResizedColumn = "resized_image";
    private const string PixelsColumn = "scaled_pixels";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly RawImageLoader _loader;
    private readonly ImageResizeMode _mode;
    private readonly Model.RetrievalFeature _feature;

    public ImageFeaturePipeline(FgCrossNetOnnxFile export, ExecutionProvider provider, ImageResizeMode mode = ImageResizeMode.PillowExact, MLContext? ml = null)
    {
        if (export.EntryPoint != FgCrossNetOnnxNames.EntryPoints.Image) throw new ArgumentException($"{export.Path} is the {export.EntryPoint} entry point, not the image one");
        _ml = ml ?? new MLContext(seed: 0);
        _feature = export.Metadata.RetrievalFeature;
        _mode = mode;
        _loader = new RawImageLoader(export.Metadata.ImageOptions);
        int size = export.Metadata.InputSize, scale = export.Metadata.ImageScale;
        var imageShape = new VectorDataViewType(NumberDataViewType.Single, 3, size, size);

        IEstimator<ITransformer> pixels;
        if (mode == ImageResizeMode.PillowExact)
        {
            var output = SchemaDefinition.Create(typeof(RawPixelsRow));
            output[FgCrossNetOnnxNames.ImageInput].ColumnType = imageShape;
            pixels = _ml.Transforms.CustomMapping<ImagePathRow, RawPixelsRow>(LoadExact, contractName: null, outputSchemaDefinition: output);
        }
        else
        {
            var cropInput = SchemaDefinition.Create(typeof(ScaledPixelsRow));
            cropInput[PixelsColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 3, scale, scale);
            var output = SchemaDefinition.Create(typeof(RawPixelsRow));
            output[FgCrossNetOnnxNames.ImageInput].ColumnType = imageShape;
            var (left, top, _) = new Data.Loading.ImagePreprocessor(export.Metadata.ImageOptions).CropWindow(null);
            pixels = _ml.Transforms.LoadImages(LoadedColumn, imageFolder: null, inputColumnName: nameof(ImagePathRow.ImagePath))
                .Append(_ml.Transforms.ResizeImages(ResizedColumn, scale, scale, LoadedColumn, ImageResizingEstimator.ResizingKind.Fill))
                .Append(_ml.Transforms.ExtractPixels(PixelsColumn, ResizedColumn, ImagePixelExtractingEstimator.ColorBits.Rgb,
                    ImagePixelExtractingEstimator.ColorsOrder.ARGB, interleavePixelColors: false, offsetImage: 0, scaleImage: 1))
                .Append(_ml.Transforms.CustomMapping<ScaledPixelsRow, RawPixelsRow>(
                    (source, target) => CentreCrop(source, target, scale, size, left, top), contractName: null, cropInput, output));
        }

        var onnx = _ml.Transforms.ApplyOnnxModel(new OnnxOptions
        {
            ModelFile = export.Path,
            InputColumns = [FgCrossNetOnnxNames.ImageInput],
            OutputColumns = OnnxOutputRow.Columns,
            ShapeDictionary = new Dictionary<string, int[]> { [FgCrossNetOnnxNames.ImageInput] = [1, 3, size, size] },
            GpuDeviceId = provider.GpuDeviceId,
            FallbackToCpu = true,
        });
        var empty = _ml.Data.LoadFromEnumerable(Array.Empty<ImagePathRow>());
        _model = pixels.Append(onnx).Fit(empty);
        Provider = provider;
    }

    public ExecutionProvider Provider { get; }

    /// <summary>Features of the files in order, one result per path.</summary>
    public IEnumerable<ItemFeatures> Extract(IEnumerable<string> paths)
    {
        // ML.NET's LoadImages throws on an unreadable file; such files are found first and never reach it.
        var rows = paths.Select(p => new ImagePathRow
        {
            ImagePath = p,
            Problem = _mode == ImageResizeMode.MlNet ? RawImageLoader.CheckDecodable(p) ?? "" : "",
        });
        if (_mode == ImageResizeMode.MlNet)
            return ExtractCheckedFirst(rows);
        return Score(rows);
    }

    private IEnumerable<ItemFeatures> ExtractCheckedFirst(IEnumerable<ImagePathRow> rows)
    {
        // Good files go through the pipeline in runs; a bad one is reported in its place.
        var pending = new List<ImagePathRow>();
        foreach (var row in rows)
        {
            if (row.Problem.Length == 0)
            {
                pending.Add(row);
                if (pending.Count < 256) continue;
            }
            foreach (var result in Score(pending)) yield return result;
            pending.Clear();
            if (row.Problem.Length > 0) yield return new ItemFeatures(null, row.Problem);
        }
        foreach (var result in Score(pending)) yield return result;
    }

    private IEnumerable<ItemFeatures> Score(IEnumerable<ImagePathRow> rows)
    {
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(rows));
        foreach (var row in _ml.Data.CreateEnumerable<OnnxOutputRow>(scored, reuseRowObject: false))
            yield return row.ToItem(_feature);
    }

    private void LoadExact(ImagePathRow source, RawPixelsRow target)
    {
        target.Image = new float[_loader.ItemLength];
        target.Problem = _loader.TryLoad(source.ImagePath, target.Image) ?? "";
    }

    private static void CentreCrop(ScaledPixelsRow source, RawPixelsRow target, int scale, int size, int left, int top)
    {
        target.Problem = source.Problem;
        target.Image = new float[3 * size * size];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < size; y++)
                Array.Copy(source.Pixels, (c * scale + top + y) * scale + left, target.Image, (c * size + y) * size, size);
    }

    public void Dispose() => (_model as IDisposable)?.Dispose();

    /// <summary>Pipeline input: a file path and, when already known, why it cannot be read.</summary>
    public sealed class ImagePathRow
    {
        public string ImagePath { get; set; } = "";

        public string Problem { get; set; } = "";
    }

    /// <summary>The ONNX input column (raw pixels) and the problem passed along.</summary>
    public sealed class RawPixelsRow
    {
        [ColumnName(FgCrossNetOnnxNames.ImageInput)]
        public float[] Image { get; set; } = [];

        public string Problem { get; set; } = "";
    }

    public sealed class ScaledPixelsRow
    {
        [ColumnName(PixelsColumn)]
        public float[] Pixels { get; set; } = [];

        public string Problem { get; set; } = "";
    }

}
