using FgCrossNet.Data.Loading;
using FgCrossNet.Inference;
using FgCrossNet.Pipeline.Tests.Export;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Inference;

/// <summary>
/// The ML.NET pipelines and the batched ONNX Runtime path on real files against the network itself: TorchSharp's eval
/// forward on training's evaluation preprocessing of the same files.
/// </summary>
[Collection(InferenceCollection.Name)]
public sealed class FeaturePipelineTests(InferenceFixture fixture, ITestOutputHelper output)
{
    private const double FeatureTolerance = 1e-4;

    [Fact]
    public void ML_NET_image_pipeline_matches_TorchSharp_on_photos_and_spectrograms()
    {
        var paths = fixture.Files("image", "*.jpg").Concat(fixture.Files("audio", "*.png")).ToArray();
        var expected = TorchSharpImageFeatures(paths);
        using var extractor = IFeatureExtractor.Open(fixture.ImageModelPath, FeatureEngine.MlNet, ExecutionProvider.Cpu);
        var actual = extractor.Images(paths).ToArray();

        Assert.Equal(paths.Length, actual.Length);
        double max = 0;
        for (int i = 0; i < paths.Length; i++)
        {
            Assert.True(actual[i].IsValid, actual[i].Problem);
            max = Math.Max(max, ExportTestData.MaxAbsDifference(expected[i], actual[i].Features));
        }
        output.WriteLine($"ML.NET vs TorchSharp, {paths.Length} files: max |diff| = {max:E2}");
        Assert.True(max <= FeatureTolerance, $"features differ by {max:E3}");
    }

    [Fact]
    public void ML_NET_text_pipeline_matches_TorchSharp()
    {
        var texts = fixture.Files("text", "*.txt").Select(File.ReadAllText).Append("Black-footed albatross, dark bill; long wings!").ToArray();
        var encoder = new CharacterTextEncoder(fixture.Metadata.Text);
        float[][] expected;
        using (NewDisposeScope())
        using (no_grad())
        {
            var tokens = tensor(texts.SelectMany(t => encoder.Encode(t)).ToArray()).reshape(texts.Length, encoder.Length);
            var scores = fixture.Model.ForwardText(tokens).softmax(1);
            expected = [.. Enumerable.Range(0, texts.Length).Select(i => scores[i].data<float>().ToArray())];
        }
        using var extractor = IFeatureExtractor.Open(fixture.TextModelPath, FeatureEngine.MlNet, ExecutionProvider.Cpu);
        var actual = extractor.Texts(texts).ToArray();

        double max = 0;
        for (int i = 0; i < texts.Length; i++)
        {
            Assert.True(actual[i].IsValid, actual[i].Problem);
            max = Math.Max(max, ExportTestData.MaxAbsDifference(expected[i], actual[i].Features));
        }
        output.WriteLine($"ML.NET text vs TorchSharp, {texts.Length} texts: max |diff| = {max:E2}");
        Assert.True(max <= FeatureTolerance, $"features differ by {max:E3}");
    }

    [Fact]
    public void Batched_ONNX_Runtime_gives_the_ML_NET_features()
    {
        var paths = fixture.Files("image", "*.jpg").Concat(fixture.Files("video", "*.jpg")).ToArray();
        var texts = fixture.Files("text", "*.txt").Select(File.ReadAllText).ToArray();
        using var mlnet = IFeatureExtractor.Open(fixture.ImageModelPath, FeatureEngine.MlNet, ExecutionProvider.Cpu);
        using var batched = IFeatureExtractor.Open(fixture.ImageModelPath, FeatureEngine.BatchedOrt, ExecutionProvider.Cpu, batchSize: 4);

        var pairs = mlnet.Images(paths).Zip(batched.Images(paths)).Concat(mlnet.Texts(texts).Zip(batched.Texts(texts))).ToArray();
        Assert.Equal(paths.Length + texts.Length, pairs.Length);
        double max = 0;
        foreach (var (a, b) in pairs)
        {
            Assert.True(a.IsValid && b.IsValid);
            max = Math.Max(max, ExportTestData.MaxAbsDifference(a.Features, b.Features));
        }
        output.WriteLine($"batched ORT vs ML.NET: max |diff| = {max:E2}");
        // Same session options, same kernels: ONNX Runtime's CPU results do not depend on the batch size here.
        Assert.True(max == 0, $"the batched path differs from the ML.NET path by {max:E3}");
    }

    [Theory]
    [InlineData(FeatureEngine.MlNet, ImageResizeMode.PillowExact)]
    [InlineData(FeatureEngine.MlNet, ImageResizeMode.MlNet)]
    [InlineData(FeatureEngine.BatchedOrt, ImageResizeMode.PillowExact)]
    public void A_corrupt_or_missing_image_is_reported_in_its_place_and_the_rest_go_on(FeatureEngine engine, ImageResizeMode resize)
    {
        var good = fixture.Files("image", "*.jpg");
        var corrupt = fixture.NewFile("corrupt.jpg");
        File.WriteAllBytes(corrupt, File.ReadAllBytes(good[0])[..40]);
        var missing = fixture.NewFile("missing.jpg");
        var paths = new[] { good[0], corrupt, good[1], missing, good[2] };

        using var extractor = IFeatureExtractor.Open(fixture.ImageModelPath, engine, ExecutionProvider.Cpu, resize, batchSize: 2);
        var results = extractor.Images(paths).ToArray();

        Assert.Equal(5, results.Length);
        Assert.Equal([true, false, true, false, true], results.Select(r => r.IsValid));
        Assert.Equal("file not found", results[3].Problem);
        foreach (var r in results.Where(r => r.IsValid)) Assert.InRange(r.Features!.Sum(), 0.999f, 1.001f);
    }

    [Theory]
    [InlineData(FeatureEngine.MlNet)]
    [InlineData(FeatureEngine.BatchedOrt)]
    public void Asking_for_a_GPU_runs_on_the_provider_it_reports_with_the_CPU_features(FeatureEngine engine)
    {
        var provider = ExecutionProvider.Choose(0);
        output.WriteLine($"--gpu 0 on this machine: {provider.Description}");
        // Without CUDA (or with a CPU-only build) the request falls back to the CPU, and says so; no device id is passed on.
        Assert.Equal(provider.GpuDeviceId is null, provider.Description.StartsWith("CPU", StringComparison.Ordinal));
        var paths = fixture.Files("image", "*.jpg");
        using var cpu = IFeatureExtractor.Open(fixture.ImageModelPath, engine, ExecutionProvider.Cpu);
        using var asked = IFeatureExtractor.Open(fixture.ImageModelPath, engine, provider);
        double max = cpu.Images(paths).Zip(asked.Images(paths)).Max(p => ExportTestData.MaxAbsDifference(p.First.Features, p.Second.Features));
        Assert.True(max <= FeatureTolerance, $"features on {provider.Description} differ from the CPU's by {max:E3}");
    }

    [Fact]
    public void An_empty_text_is_reported_in_its_place()
    {
        using var extractor = IFeatureExtractor.Open(fixture.TextModelPath, FeatureEngine.MlNet, ExecutionProvider.Cpu);
        var results = extractor.Texts(["a gull with grey wings", "", "ÄÖÜ"]).ToArray();
        Assert.True(results[0].IsValid);
        Assert.Equal("empty text", results[1].Problem);
        Assert.False(results[2].IsValid);
    }

    [Fact]
    public void ML_NET_resize_differs_from_training_preprocessing_by_a_measured_amount()
    {
        var paths = fixture.Files("image", "*.jpg");
        using var exact = IFeatureExtractor.Open(fixture.ImageModelPath, FeatureEngine.MlNet, ExecutionProvider.Cpu, ImageResizeMode.PillowExact);
        using var mlnet = IFeatureExtractor.Open(fixture.ImageModelPath, FeatureEngine.MlNet, ExecutionProvider.Cpu, ImageResizeMode.MlNet);
        var diffs = exact.Images(paths).Zip(mlnet.Images(paths)).Select(p => ExportTestData.MaxAbsDifference(p.First.Features, p.Second.Features)).ToArray();
        output.WriteLine($"ML.NET ResizeImages vs Pillow-exact resize: max |feature diff| = {diffs.Max():E2}");
        Assert.Equal(paths.Length, diffs.Length);
        Assert.All(diffs, d => Assert.True(double.IsFinite(d)));
    }

    private float[][] TorchSharpImageFeatures(string[] paths)
    {
        var preprocessor = new ImagePreprocessor(fixture.Metadata.ImageOptions);
        var values = new float[paths.Length * preprocessor.ItemLength];
        for (int i = 0; i < paths.Length; i++)
        {
            using var image = ImageDecoder.Decode(paths[i]);
            preprocessor.Preprocess(image, null, values.AsSpan(i * preprocessor.ItemLength, preprocessor.ItemLength));
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int size = fixture.Metadata.InputSize;
        var scores = fixture.Model.call(tensor(values).reshape(paths.Length, 3, size, size)).softmax(1);
        return [.. Enumerable.Range(0, paths.Length).Select(i => scores[i].data<float>().ToArray())];
    }
}
