using FgCrossNet.Core;
using FgCrossNet.Data;
using FgCrossNet.Data.Loading;
using FgCrossNet.Export;
using FgCrossNet.Inference;
using FgCrossNet.IO;
using FgCrossNet.Model;
using FgCrossNet.Pipeline.Tests.Training;
using FgCrossNet.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Inference;

/// <summary>
/// Export + extraction of a checkpoint with the <c>paper</c> settings gives, for all four media, the features the
/// reference's test script defines, restated here independently of the product's text and video code:
/// text = the file's last line, each character of the reference's 68-character string mapped to its position + 1
/// (others dropped), cut or zero-padded to L, through the text branch and the backbone, softmax; a video = a block of
/// F consecutive lines of the video list (F = the frames each video lists), the frames' logits averaged, softmax;
/// image and audio = softmax of the logits. Image preprocessing is the product's (its PIL parity is tested elsewhere).
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class ReferenceTestScriptTests(TinyTrainingRoot data, ITestOutputHelper output)
{
    // dataset.py's vocabulary, written out again here (not taken from the product).
    private const string ReferenceVocabulary = "abcdefghijklmnopqrstuvwxyz0123456789,;.!?:'\"/\\|_@#$%^&*~`+-=<>()[]{}";

    [Fact]
    public void Extracted_features_equal_the_reference_test_scripts_definitions_for_every_medium()
    {
        var config = TinyTrainingRoot.Config("data.text_vocabulary=reference", "data.text_last_line_only=true", "data.text_lowercase=false",
            "data.video_frames=all_listed", "data.video_pooling=mean_logits", "evaluation.retrieval_feature=softmax", "stage1.epochs=1", "stage2.epochs=0");
        var run = TwoStageTrainer.Start(config, data.Root, data.NewRunsFolder(), "reference").RunFolder;
        var work = data.NewRunsFolder();
        var modelPath = Path.Combine(work, "model.onnx");
        FgCrossNetExporter.ExportRun(run, modelPath, data.Root);
        var features = Path.Combine(work, "features");
        FeatureExtraction.Run(new ExtractionOptions { ModelPath = modelPath, DataRoot = data.Root, OutputFolder = features, Engine = FeatureEngine.BatchedOrt });

        using var model = FgCrossNetModel.Create(ResNetDepth.ResNet18, config.Model.Classes, config.Data.TextLength);
        CheckpointLoader.Load(model, Path.Combine(run, RunFolder.CheckpointFolder, TrainingCheckpoints.FinalTorchSharpFile));
        model.eval();
        var layout = new DatasetLayout(data.Root);
        var preprocessor = new ImagePreprocessor(LoaderOptionsMapping.Image(config, training: false));
        foreach (var medium in Media.All)
        {
            var lines = File.ReadAllLines(layout.ListPath(medium, "test")).Where(l => l.Trim().Length > 0).ToArray();
            var expected = medium switch
            {
                Medium.Text => lines.Select(l => TextFeature(model, Path.Combine(data.Root, l.Split(' ')[0]), config.Data.TextLength)).ToArray(),
                Medium.Video => VideoFeatures(model, preprocessor, data.Root, lines),
                _ => lines.Select(l => Softmax(Logits(model, preprocessor, Path.Combine(data.Root, l.Split(' ')[0])))).ToArray(),
            };
            var actual = NpyFile.Read(Path.Combine(features, medium.FolderName(), "features_te.npy"));
            Assert.Equal(expected.Length, actual.Rows);
            double max = 0;
            for (int i = 0; i < expected.Length; i++)
                for (int k = 0; k < expected[i].Length; k++)
                    max = Math.Max(max, Math.Abs(expected[i][k] - actual.Data[i * actual.Dimension + k]));
            output.WriteLine($"{medium.FolderName()}: {expected.Length} items, max |feature difference| {max:E2}");
            Assert.True(max < 1e-5, $"{medium.FolderName()}: max difference {max:E2}");
        }
    }

    private static double[] TextFeature(FgCrossNetModel model, string path, int length)
    {
        // Python's "for line in open(path)" keeps the last line, with its newline removed.
        var content = File.ReadAllText(path);
        var last = content.Split('\n')[^(content.EndsWith('\n') ? 2 : 1)];
        var indices = last.Select(c => (long)(ReferenceVocabulary.IndexOf(c) + 1)).Where(i => i > 0).Take(length).ToList();
        while (indices.Count < length) indices.Add(0);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = model.ForwardText(tensor(indices.ToArray()).reshape(1, length));
        return Softmax(logits.data<float>().Select(v => (double)v).ToArray());
    }

    private static double[][] VideoFeatures(FgCrossNetModel model, ImagePreprocessor preprocessor, string root, string[] lines)
    {
        // F = the frames the first video lists (the consecutive lines of its folder); the list is cut into blocks of F lines.
        string FolderOf(string line) => Path.GetDirectoryName(line.Split(' ')[0])!;
        int frames = lines.TakeWhile(l => FolderOf(l) == FolderOf(lines[0])).Count();
        Assert.Equal(0, lines.Length % frames);
        return lines.Chunk(frames).Select(block =>
        {
            var logits = block.Select(l => Logits(model, preprocessor, Path.Combine(root, l.Split(' ')[0]))).ToArray();
            return Softmax(Enumerable.Range(0, logits[0].Length).Select(k => logits.Average(f => f[k])).ToArray());
        }).ToArray();
    }

    private static double[] Logits(FgCrossNetModel model, ImagePreprocessor preprocessor, string path)
    {
        var input = new float[preprocessor.ItemLength];
        preprocessor.Preprocess(ImageDecoder.Decode(path), null, input);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = model.call(tensor(input).reshape(1, 3, preprocessor.Options.Crop, preprocessor.Options.Crop));
        return logits.data<float>().Select(v => (double)v).ToArray();
    }

    private static double[] Softmax(double[] logits)
    {
        double max = logits.Max();
        var e = logits.Select(v => Math.Exp(v - max)).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }
}
