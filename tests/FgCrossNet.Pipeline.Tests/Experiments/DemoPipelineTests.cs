using FgCrossNet.Experiments;
using FgCrossNet.Figures;
using FgCrossNet.Pipeline.Tests.Training;
using FgCrossNet.Synthetic;
using SkiaSharp;

namespace FgCrossNet.Pipeline.Tests.Experiments;

[Collection(TrainingCollection.Name)]
public class DemoPipelineTests(TinyTrainingRoot data)
{
    [Fact]
    public void The_demo_runs_end_to_end_its_export_reproduces_TorchSharp_and_a_second_call_redoes_nothing()
    {
        var output = Path.Combine(data.NewRunsFolder(), "demo");
        var synthetic = new SyntheticConfig
        {
            Classes = 3, Images = new(4, 2), Texts = new(4, 2), Audio = new(4, 2), Videos = new(2, 1), FramesPerVideo = 2,
            ImageSize = 40, VideoFrameSize = 40, AudioImageSize = 40, AudioSeconds = 0.3,
        };
        var config = TinyTrainingRoot.Config();
        var demo = DemoPipeline.Run(output, config, synthetic);

        Assert.True(demo.ExportParity <= 1e-4, $"ONNX/ML.NET scores differ from TorchSharp's by {demo.ExportParity}");
        Assert.Equal(new[] { "synthesize", "train", "evaluate_torchsharp", "export", "extract" }, demo.StepSeconds.Keys);
        Assert.All(demo.StepSeconds.Values, s => Assert.True(s > 0));
        Assert.True(File.Exists(demo.ScoresPath));
        Assert.InRange(demo.Chance.BimodalAverage, 0.0, 1.0);

        var report = DemoReport.Write(demo, Path.Combine(output, DemoPipeline.DataFolder));
        var html = File.ReadAllText(report);
        foreach (var expected in new[] { "Bi-modal MAP", "Multi-modal MAP", "chance (random features)", "data:image/png;base64,", "Example queries", "text query" })
            Assert.Contains(expected, html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http", html);
        var figures = Path.Combine(Path.GetDirectoryName(report)!, DemoReport.FiguresFolder);
        foreach (var name in new[] { "map-bimodal", "map-multimodal", "training-losses", "validation-accuracy", "precision-recall", "per-class-map-i-t", "embedding-map" })
        {
            using var png = SKBitmap.Decode(Path.Combine(figures, name + ".png"));
            Assert.True(png is { Width: > 100, Height: > 100 }, $"{name}.png is missing or tiny");
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(figures, name + ".svg")));
        }

        var again = DemoPipeline.Run(output, config, synthetic);
        Assert.All(again.StepSeconds.Values, s => Assert.Equal(0, s));
        Assert.Equal(demo.Scores.BimodalAverage, again.Scores.BimodalAverage);
    }
}
