using FgCrossNet.Export;
using Microsoft.ML.OnnxRuntime;

namespace FgCrossNet.Inference;

/// <summary>
/// <see cref="IFeatureExtractor"/> on ONNX Runtime sessions directly, for bulk extraction: inputs are prepared in
/// parallel (<see cref="RawImageLoader"/>, <see cref="TextInputEncoder"/>: the same preprocessing as the ML.NET path)
/// and scored <see cref="BatchSize"/> at a time through the export's symbolic batch dimension.
/// </summary>
public sealed class BatchedOnnxFeatureExtractor : IFeatureExtractor
{
    private readonly FgCrossNetOnnxFile _imageFile;
    private readonly FgCrossNetOnnxFile _textFile;
    private readonly RawImageLoader _loader;
    private readonly TextInputEncoder _encoder;
    private InferenceSession? _image;
    private InferenceSession? _text;

    public BatchedOnnxFeatureExtractor(FgCrossNetOnnxFile image, FgCrossNetOnnxFile text, ExecutionProvider provider, int batchSize = 32)
    {
        if (batchSize < 1) throw new ArgumentException($"batch size must be at least 1, got {batchSize}");
        _imageFile = image;
        _textFile = text;
        Provider = provider;
        BatchSize = batchSize;
        _loader = new RawImageLoader(image.Metadata.ImageOptions);
        _encoder = new TextInputEncoder(text.Metadata.Text);
    }

    public FgCrossNetOnnxMetadata Metadata => _imageFile.Metadata;

    public ExecutionProvider Provider { get; }

    /// <summary>Items per ONNX Runtime run.</summary>
    public int BatchSize { get; }

    public IEnumerable<ItemFeatures> Images(IEnumerable<string> paths)
    {
        _image ??= Open(_imageFile);
        int size = Metadata.InputSize, length = _loader.ItemLength;
        var buffer = new float[BatchSize * length];
        foreach (var batch in paths.Chunk(BatchSize))
        {
            var problems = new string?[batch.Length];
            Parallel.For(0, batch.Length, i => problems[i] = _loader.TryLoad(batch[i], buffer.AsSpan(i * length, length)));
            int good = Compact(buffer, length, problems);
            foreach (var result in Merge(Run(_image, FgCrossNetOnnxNames.ImageInput, buffer, [good, 3, size, size], good), problems))
                yield return result;
        }
    }

    public IEnumerable<ItemFeatures> Texts(IEnumerable<string> texts)
    {
        _text ??= Open(_textFile);
        int length = _encoder.Length;
        var buffer = new long[BatchSize * length];
        foreach (var batch in texts.Chunk(BatchSize))
        {
            var problems = new string?[batch.Length];
            for (int i = 0; i < batch.Length; i++) problems[i] = _encoder.TryEncode(batch[i], buffer.AsSpan(i * length, length));
            int good = Compact(buffer, length, problems);
            foreach (var result in Merge(Run(_text, FgCrossNetOnnxNames.TextInput, buffer, [good, length], good), problems))
                yield return result;
        }
    }

    private InferenceSession Open(FgCrossNetOnnxFile file)
    {
        using var options = Provider.CreateSessionOptions();
        return new InferenceSession(file.Path, options);
    }

    /// <summary>Moves the good items' inputs to the front, in order; returns how many there are.</summary>
    private static int Compact<T>(T[] buffer, int length, string?[] problems)
    {
        int good = 0;
        for (int i = 0; i < problems.Length; i++)
        {
            if (problems[i] is not null) continue;
            if (good != i) Array.Copy(buffer, i * length, buffer, good * length, length);
            good++;
        }
        return good;
    }

    private (float[][] Features, float[][] Logits) Run<T>(InferenceSession session, string inputName, T[] buffer, long[] shape, int count) where T : unmanaged
    {
        if (count == 0) return ([], []);
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, (int)shape.Aggregate(1L, (a, b) => a * b)), shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [inputName], [input], [FgCrossNetOnnxNames.OutputOf(Metadata.RetrievalFeature), FgCrossNetOnnxNames.Logits]);
        float[][] Rows(OrtValue output)
        {
            var values = output.GetTensorDataAsSpan<float>();
            int width = values.Length / count;
            var rows = new float[count][];
            for (int i = 0; i < count; i++) rows[i] = values.Slice(i * width, width).ToArray();
            return rows;
        }
        return (Rows(outputs[0]), Rows(outputs[1]));
    }

    private static IEnumerable<ItemFeatures> Merge((float[][] Features, float[][] Logits) results, string?[] problems)
    {
        int next = 0;
        foreach (var problem in problems)
        {
            if (problem is not null) yield return new ItemFeatures(null, problem);
            else
            {
                yield return new ItemFeatures(results.Features[next], null, results.Logits[next]);
                next++;
            }
        }
    }

    public void Dispose()
    {
        _image?.Dispose();
        _text?.Dispose();
    }
}
