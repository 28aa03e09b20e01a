using FgCrossNet.Core;
using FgCrossNet.Data;
using FgCrossNet.Data.Loading;
using FgCrossNet.IO;
using FgCrossNet.Model;
using FgCrossNet.Pipeline.Tests.Training;
using FgCrossNet.Training;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Model;

/// <summary>
/// model.pretrained = "imagenet": ML.NET's ResNet18.onnx, run by ONNX Runtime on real decoded images in the package's
/// convention, against our converted backbone on the same images in ours.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class ImageNetResNet18Tests(TinyTrainingRoot data, ITestOutputHelper output)
{
    private const int Size = 224;

    [Fact]
    public void The_converted_backbone_equals_the_package_network_after_its_eighth_block()
    {
        var raw = RawImages(4); // [n, 3, 224, 224], RGB 0..255
        var options = ImagePreprocessOptions.Paper;
        float[] mean = [.. options.Mean], std = [.. options.Std];

        using var model = FgCrossNetModel.Create(ResNetDepth.ResNet18, 5, 32);
        using (var weights = ImageNetResNet18.Read())
            CheckpointLoader.Load(model, weights, CheckpointLoadOptions.ImageNetBackbone);
        model.eval();

        var (package, packageWithMeanImage) = PackageBlock8Pooled(raw, mean);
        double worst = 0, worstMeanImage = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            var x = new float[raw[i].Length];
            for (int c = 0; c < 3; c++)
                for (int p = 0; p < Size * Size; p++) x[c * Size * Size + p] = (raw[i][c * Size * Size + p] / 255f - mean[c]) / std[c];
            float[] ours;
            using (no_grad())
            using (var embedding = model.Embedding(tensor(x).reshape(1, 3, Size, Size)))
                ours = embedding.data<float>().ToArray();
            double scale = ours.Max(Math.Abs);
            worst = Math.Max(worst, ours.Zip(package[i], (a, b) => Math.Abs(a - b)).Max() / scale);
            worstMeanImage = Math.Max(worstMeanImage, ours.Zip(packageWithMeanImage[i], (a, b) => Math.Abs(a - b)).Max() / scale);
        }
        output.WriteLine($"pooled activations after block 8, {raw.Length} images at {Size} px: max |ours - package| / max |ours| = {worst:E2} " +
                         $"(package fed p_BGR - 255 mean_BGR); against the package's own pipeline with its mean image: {worstMeanImage:E2}");
        Assert.True(worst <= 1e-4, $"relative difference {worst:E2}");
    }

    [Fact]
    public void The_package_holds_nine_blocks_and_the_ninth_is_dropped()
    {
        using var weights = ImageNetResNet18.Read();
        Assert.Contains("layer4.1.conv2.weight", weights.Tensors.Keys);
        Assert.DoesNotContain(weights.Tensors.Keys, k => k.StartsWith("layer4.2", StringComparison.Ordinal));
        Assert.Equal(new long[] { 64, 3, 7, 7 }, weights.Tensors["conv1.weight"].shape);
        Assert.Equal(new long[] { 128, 64, 1, 1 }, weights.Tensors["layer2.0.downsample.0.weight"].shape);
        Assert.DoesNotContain(weights.Tensors.Keys, k => k.StartsWith("fc.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_that_is_not_the_package_network_is_refused_by_name()
    {
        var e = Assert.Throws<InvalidInputException>(() => ImageNetResNet18.Read(ImageNetResNet18.PreprocessPath));
        Assert.Contains(ImageNetResNet18.PreprocessPath, e.Message);
        Assert.Contains("not ML.NET's ImageNet ResNet-18", e.Message);
    }

    [Fact]
    public void A_missing_weights_file_stops_training_before_a_run_folder_exists()
    {
        var runs = data.NewRunsFolder();
        var missing = Path.Combine(runs, "nowhere", "ResNet18.onnx");
        Environment.SetEnvironmentVariable(ImageNetResNet18.PathVariable, missing);
        try
        {
            var config = TinyTrainingRoot.Config("model.pretrained=imagenet");
            var e = Assert.Throws<InvalidInputException>(() => TwoStageTrainer.Start(config, data.Root, runs));
            Assert.Contains(missing, e.Message);
            Assert.Contains("environment/setup.sh", e.Message);
            Assert.Empty(Directory.GetFileSystemEntries(runs));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ImageNetResNet18.PathVariable, null);
        }
    }

    [Fact]
    public void Imagenet_weights_need_depth_18()
    {
        var e = Assert.Throws<InvalidInputException>(() => ExperimentConfigLoader.Load("paper", ["model.pretrained=imagenet"]));
        Assert.Contains("model.depth", e.Message);
    }

    [Fact]
    public void A_run_from_imagenet_starts_with_the_converted_weights()
    {
        var config = TinyTrainingRoot.Config("model.pretrained=imagenet", "stage1.epochs=1", "stage2.epochs=0", "evaluation.map_every_epochs=0");
        var result = TwoStageTrainer.Start(config, data.Root, data.NewRunsFolder(), options: new TrainingOptions { StopAfterEpochs = 0 });
        using var initial = CheckpointContents.Read(Path.Combine(result.RunFolder, RunFolder.CheckpointFolder, TrainingCheckpoints.InitialModelFile));
        using var weights = ImageNetResNet18.Read();
        foreach (var key in new[] { "conv1.weight", "layer3.1.bn2.running_var", "layer4.1.conv2.weight" })
            Assert.True(initial.Tensors[key].equal(weights.Tensors[key]).all().item<bool>(), key);
    }

    private float[][] RawImages(int count)
    {
        var layout = new DatasetLayout(data.Root);
        var list = layout.ListPath(Medium.Image, "test");
        var preprocessor = new ImagePreprocessor(new ImagePreprocessOptions { Scale = Size, Crop = Size });
        return ListFile.Read(list).Take(count).Select(entry =>
        {
            var values = new float[3 * Size * Size];
            preprocessor.PreprocessRaw(ImageDecoder.Decode(ListFile.Resolve(data.Root, entry, list)), values);
            return values;
        }).ToArray();
    }

    /// <summary>
    /// The package network's activations after its 8th block, averaged over space: fed p_BGR − 255·mean_BGR (our
    /// normalisation's implied mean), and fed through the package's own preprocessing graph (its mean image).
    /// </summary>
    private static (float[][] OurMean, float[][] MeanImage) PackageBlock8Pooled(float[][] raw, float[] mean)
    {
        var model = OnnxModelReader.Read(ImageNetResNet18.ModelPath);
        var graph = model.Graph;
        var eighthAdd = graph.Node.Where(n => n.OpType == "Add").ElementAt(7);
        var block8 = graph.Node.Single(n => n.OpType == "Relu" && n.Input[0] == eighthAdd.Output[0]).Output[0];
        graph.Output.Add(new Onnx.ValueInfoProto { Name = block8 });
        using var session = new InferenceSession(model.ToByteArray());
        using var preprocess = new InferenceSession(ImageNetResNet18.PreprocessPath);
        string input = graph.Input[0].Name, preprocessInput = preprocess.InputMetadata.Keys.Single();

        float[] Run(float[] bgr)
        {
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(bgr, [1, 3, Size, Size]))], [block8]);
            var activations = results.Single().AsTensor<float>();
            var channels = (int)activations.Dimensions[1];
            var area = activations.Dimensions[2] * activations.Dimensions[3];
            var values = activations.ToArray();
            return [.. Enumerable.Range(0, channels).Select(c => (float)values.Skip(c * area).Take(area).Average(v => (double)v))];
        }

        var ourMean = raw.Select(rgb =>
        {
            var bgr = new float[rgb.Length];
            for (int c = 0; c < 3; c++)
                for (int p = 0; p < Size * Size; p++) bgr[c * Size * Size + p] = rgb[(2 - c) * Size * Size + p] - 255f * mean[2 - c];
            return Run(bgr);
        }).ToArray();
        var meanImage = raw.Select(rgb =>
        {
            using var results = preprocess.Run([NamedOnnxValue.CreateFromTensor(preprocessInput, new DenseTensor<float>(rgb, [1, 3, Size, Size]))]);
            return Run(results.Single().AsTensor<float>().ToArray());
        }).ToArray();
        return (ourMean, meanImage);
    }
}
