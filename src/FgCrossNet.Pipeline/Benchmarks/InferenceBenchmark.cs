using System.Diagnostics;
using FgCrossNet.Data.Loading;
using FgCrossNet.Export;
using FgCrossNet.Inference;
using FgCrossNet.Model;
using FgCrossNet.Synthetic;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace FgCrossNet.Benchmarks;

/// <summary>
/// How fast features come out of an export compared with TorchSharp's eval forward of the same network (randomly
/// initialised: speed does not depend on the weights), on the same generated photo-sized JPEGs (500×375): each path
/// runs once to warm up, then once timed. See <see cref="InferenceBenchmarkResult"/>.
/// </summary>
public static class InferenceBenchmark
{
    public static InferenceBenchmarkResult Run(ResNetDepth depth = ResNetDepth.ResNet18, int inputSize = 224, int images = 64, int batch = 16, Action<string>? log = null)
    {
        if (images < batch || batch < 1) throw new ArgumentException($"need at least one batch: images {images}, batch {batch}");
        var folder = Path.Combine(Path.GetTempPath(), "fgx-bench-inference-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            log?.Invoke($"writing {images} JPEGs (500x375) and a ResNet-{(int)depth} export in {folder}");
            FixtureRootWriter.Write(folder, new FixtureRootWriter.Options
            {
                Classes = 1, ImagesPerClass = images, TextsPerClass = 0, AudioPerClass = 0, VideosPerClass = 0, TestPerClass = 0,
            });
            var paths = Directory.GetFiles(Path.Combine(folder, "image"), "*.jpg", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
            var imageOptions = ImagePreprocessOptions.Paper with { Scale = inputSize * 8 / 7, Crop = inputSize };
            using var model = FgCrossNetModel.Create(depth, NetworkArchitecture.PaperNumClasses, textLength: 32);
            model.eval();
            var metadata = new FgCrossNetOnnxMetadata
            {
                Model = model.Config,
                ClassNames = [.. Enumerable.Range(0, model.Config.NumClasses).Select(i => $"class_{i}")],
                InputSize = imageOptions.Crop,
                ImageScale = imageOptions.Scale,
                Mean = imageOptions.Mean,
                Std = imageOptions.Std,
                Text = new TextEncodingOptions { Length = 32 },
                VideoEvalFrames = 1,
            };
            var (modelPath, _) = OnnxModelWriter.Write(model, metadata, Path.Combine(folder, "model.onnx"));

            using var mlnet = IFeatureExtractor.Open(modelPath, FeatureEngine.MlNet, ExecutionProvider.Cpu);
            using var batched = IFeatureExtractor.Open(modelPath, FeatureEngine.BatchedOrt, ExecutionProvider.Cpu, batchSize: batch);
            var (mlnetRate, mlnetFeatures) = Timed(() => mlnet.Images(paths).Select(r => r.Features!).ToArray(), paths.Length);
            log?.Invoke($"ML.NET pipeline: {mlnetRate:F1} img/s");
            var (ortRate, ortFeatures) = Timed(() => batched.Images(paths).Select(r => r.Features!).ToArray(), paths.Length);
            log?.Invoke($"batched ONNX Runtime: {ortRate:F1} img/s");
            var preprocessor = new ImagePreprocessor(imageOptions);
            var (torchRate, torchFeatures) = Timed(() => TorchSharpFeatures(model, preprocessor, paths, batch), paths.Length);
            log?.Invoke($"TorchSharp eval: {torchRate:F1} img/s");

            // Forward only: the same normalised batch through TorchSharp and the raw batch through ONNX Runtime.
            var raw = new float[batch * preprocessor.ItemLength];
            var loader = new RawImageLoader(imageOptions);
            for (int i = 0; i < batch; i++) loader.TryLoad(paths[i], raw.AsSpan(i * preprocessor.ItemLength, preprocessor.ItemLength));
            var normalised = new float[raw.Length];
            for (int i = 0; i < batch; i++)
            {
                using var image = ImageDecoder.Decode(paths[i]);
                preprocessor.Preprocess(image, null, normalised.AsSpan(i * preprocessor.ItemLength, preprocessor.ItemLength));
            }
            int rounds = Math.Max(1, images / batch);
            double torchForward = TorchSharpForward(model, normalised, batch, inputSize, rounds);
            double ortForward = OrtForward(modelPath, raw, batch, inputSize, rounds);
            log?.Invoke($"forward only: ONNX Runtime {ortForward:F1} img/s, TorchSharp {torchForward:F1} img/s");

            double maxDiff = 0;
            for (int i = 0; i < paths.Length; i++)
                for (int k = 0; k < mlnetFeatures[i].Length; k++)
                    maxDiff = Math.Max(maxDiff, Math.Max(Math.Abs(mlnetFeatures[i][k] - torchFeatures[i][k]), Math.Abs(ortFeatures[i][k] - torchFeatures[i][k])));
            return new InferenceBenchmarkResult((int)depth, inputSize, paths.Length, batch, get_num_threads(),
                mlnetRate, ortRate, torchRate, ortForward, torchForward, maxDiff);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>One warm-up run, then one timed run: (items per second, the timed run's result).</summary>
    private static (double Rate, T Result) Timed<T>(Func<T> run, int items)
    {
        run();
        var watch = Stopwatch.StartNew();
        var result = run();
        return (items / watch.Elapsed.TotalSeconds, result);
    }

    private static float[][] TorchSharpFeatures(FgCrossNetModel model, ImagePreprocessor preprocessor, string[] paths, int batch)
    {
        var features = new List<float[]>(paths.Length);
        var values = new float[batch * preprocessor.ItemLength];
        int size = preprocessor.Options.Crop;
        foreach (var chunk in paths.Chunk(batch))
        {
            Parallel.For(0, chunk.Length, i =>
            {
                using var image = ImageDecoder.Decode(chunk[i]);
                preprocessor.Preprocess(image, null, values.AsSpan(i * preprocessor.ItemLength, preprocessor.ItemLength));
            });
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var input = tensor(values.AsSpan(0, chunk.Length * preprocessor.ItemLength).ToArray()).reshape(chunk.Length, 3, size, size);
            var scores = model.call(input).softmax(1);
            for (int i = 0; i < chunk.Length; i++) features.Add(scores[i].data<float>().ToArray());
        }
        return [.. features];
    }

    private static double TorchSharpForward(FgCrossNetModel model, float[] normalised, int batch, int size, int rounds)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = tensor(normalised).reshape(batch, 3, size, size);
        model.call(input).softmax(1).data<float>().ToArray();
        var watch = Stopwatch.StartNew();
        for (int r = 0; r < rounds; r++)
        {
            using var inner = NewDisposeScope();
            model.call(input).softmax(1).data<float>().ToArray();
        }
        return rounds * batch / watch.Elapsed.TotalSeconds;
    }

    private static double OrtForward(string modelPath, float[] raw, int batch, int size, int rounds)
    {
        using var session = new InferenceSession(modelPath);
        using var input = OrtValue.CreateTensorValueFromMemory(raw, [batch, 3, size, size]);
        using var runOptions = new RunOptions();
        using (session.Run(runOptions, [FgCrossNetOnnxNames.ImageInput], [input], [FgCrossNetOnnxNames.Features])) { }
        var watch = Stopwatch.StartNew();
        for (int r = 0; r < rounds; r++)
            using (session.Run(runOptions, [FgCrossNetOnnxNames.ImageInput], [input], [FgCrossNetOnnxNames.Features])) { }
        return rounds * batch / watch.Elapsed.TotalSeconds;
    }
}
