using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.Json;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core;
using FgCrossNet.Evaluation;
using FgCrossNet.Export;
using FgCrossNet.Inference;
using FgCrossNet.IO;
using FgCrossNet.Synthetic;
using FgCrossNet.Training;

namespace FgCrossNet.Experiments;

/// <summary>What <see cref="DemoPipeline.Run"/> produced.</summary>
/// <param name="OutFolder">The demo folder.</param>
/// <param name="RunFolder">The training run folder (<c>OUT/run</c>).</param>
/// <param name="OnnxPath">The export's image model (the text model is beside it).</param>
/// <param name="FeaturesFolder">The extracted test features, in the layout <c>fgcrossnet eval</c> reads.</param>
/// <param name="ScoresPath">The scores of <paramref name="Scores"/> as JSON.</param>
/// <param name="Scores">The 16 MAP scores of the ONNX/ML.NET features, with bootstrap intervals.</param>
/// <param name="Chance">The same scores of random features with the same labels (the chance level of every task).</param>
/// <param name="TorchSharpScores">The scores of TorchSharp's own eval features of the same model (<c>run/eval/scores.json</c>).</param>
/// <param name="StepSeconds">Wall time of each step in this call (0 for a step done by an earlier call).</param>
/// <param name="ConfigName">The training config's name (<c>cpu-tuned</c>, ...).</param>
public sealed record DemoResult(
    string OutFolder, string RunFolder, string OnnxPath, string FeaturesFolder, string ScoresPath,
    CrossMediaScoreCard Scores, CrossMediaScoreCard Chance, CrossMediaScoreCard TorchSharpScores,
    IReadOnlyDictionary<string, double> StepSeconds, string ConfigName = "")
{
    /// <summary>The paper's tasks whose 95 % interval does not lie wholly above the chance MAP of the same task.</summary>
    public IReadOnlyList<string> TasksNotAboveChance => PaperTasks
        .Where(t => (Scores[t].MapInterval?.Low ?? Scores[t].Map) <= Chance[t].Map).Select(t => t.Name).ToList();

    /// <summary>Largest |MAP(ONNX features) − MAP(TorchSharp features)| over the 16 tasks.</summary>
    public double ExportParity => PaperTasks.Max(t => Math.Abs(Scores[t].Map - TorchSharpScores[t].Map));

    private static IEnumerable<RetrievalTask> PaperTasks => PaperRetrievalProtocol.BimodalTasks.Concat(PaperRetrievalProtocol.MultimodalTasks);
}

/// <summary>
/// The project's main job, end to end on the synthetic FG-XMedia: generate the dataset (<c>OUT/data</c>), train both
/// stages (<c>OUT/run</c>), score the final model with TorchSharp (<c>OUT/run/eval</c>), export it to ONNX
/// (<c>OUT/model.onnx</c> + <c>model.text.onnx</c>), extract the test features through the ML.NET pipelines
/// (<c>OUT/features</c>), and evaluate them with the paper's protocol and bootstrap intervals (<c>OUT/scores.json</c>;
/// <c>OUT/chance-scores.json</c> holds the scores of random features with the same labels).
/// Every step records its completion in <c>OUT/demo.json</c>; a second call skips finished steps and resumes an
/// interrupted training run, so a killed demo continues where it stopped.
/// </summary>
public static class DemoPipeline
{
    public const string StateFile = "demo.json";
    public const string DataFolder = "data";
    public const string RunFolderName = "run";
    public const string OnnxFile = "model.onnx";
    public const string FeaturesFolderName = "features";
    public const string ScoresFile = "scores.json";
    public const string ChanceScoresFile = "chance-scores.json";

    /// <summary>
    /// Runs (or continues) the demo in <paramref name="outFolder"/>; <paramref name="progress"/> receives the progress
    /// of synthesis, training, the TorchSharp evaluation and extraction (their own tasks).
    /// </summary>
    public static DemoResult Run(string outFolder, ExperimentConfig config, SyntheticConfig synthetic, Action<string>? log = null,
        Action<FgCrossNet.Progress.ProgressReport>? progress = null)
    {
        log ??= _ => { };
        outFolder = Path.GetFullPath(outFolder);
        Directory.CreateDirectory(outFolder);
        var state = ReadState(outFolder);
        var seconds = new Dictionary<string, double>();
        var data = Path.Combine(outFolder, DataFolder);
        var run = Path.Combine(outFolder, RunFolderName);
        var onnx = Path.Combine(outFolder, OnnxFile);
        var features = Path.Combine(outFolder, FeaturesFolderName);

        void Step(string name, Action body)
        {
            if (state[name] is not null)
            {
                log($"{name}: done earlier");
                seconds[name] = 0;
                return;
            }
            log($"{name} ...");
            var clock = Stopwatch.StartNew();
            body();
            seconds[name] = clock.Elapsed.TotalSeconds;
            state[name] = new JsonObject { ["seconds"] = seconds[name], ["finished"] = DateTime.UtcNow.ToString("O") };
            JsonFileNode.Write(Path.Combine(outFolder, StateFile), state);
            log($"{name}: {seconds[name]:F1} s");
        }

        Step("synthesize", () => SyntheticDatasetGenerator.Generate(synthetic, data, overwrite: true, progress: progress));
        Step("train", () =>
        {
            var options = new TrainingOptions { Log = log, Progress = progress };
            var result = File.Exists(Path.Combine(run, Training.RunFolder.ConfigFile))
                ? TwoStageTrainer.Resume(run, data, options)
                : TwoStageTrainer.StartIn(config, data, run, options);
            if (!result.Completed) throw new OperationCanceledException($"training stopped before the end; run the demo again to continue {run}");
        });
        Step("evaluate_torchsharp", () => RunEvaluation.Evaluate(run, data, log, progress));
        Step("export", () => FgCrossNetExporter.ExportRun(run, onnx, data));
        Step("extract", () => FeatureExtraction.Run(new ExtractionOptions
        {
            ModelPath = onnx, DataRoot = data, OutputFolder = features, Engine = FeatureEngine.MlNet, Log = log, Progress = progress,
        }));
        // Scoring the test split takes well under a second: always done, from the files of the steps above.
        var (loaded, scores) = CrossMediaEvaluation.FromFolder(features, RunEvaluation.Protocol(config.Seed), new ScoresOutput(Path.Combine(outFolder, ScoresFile)));
        var chance = CrossMediaEvaluation.FromFeatures(RandomFeatures(loaded, config.Seed), EvaluationProtocol.Paper,
            new ScoresOutput(Path.Combine(outFolder, ChanceScoresFile), PerClass: false, PerQuery: false));
        var torch = ScoreCardJson.Read(RunEvaluation.ScoresPath(run));
        return new DemoResult(outFolder, run, onnx, features, Path.Combine(outFolder, ScoresFile), scores, chance, torch, seconds, config.Name);
    }

    /// <summary>Features of the same shape and labels drawn from a standard normal distribution: what a network that learned nothing scores.</summary>
    public static IReadOnlyList<MediumFeatures> RandomFeatures(IReadOnlyList<MediumFeatures> like, int seed)
    {
        var random = new Random(seed);
        return like.Select(m =>
        {
            var values = new float[(long)m.Features.Rows * m.Features.Dimension];
            for (long i = 0; i < values.LongLength; i++) values[i] = (float)StandardNormal.Sample(random);
            return new MediumFeatures(m.Medium, new FeatureMatrix(m.Features.Rows, m.Features.Dimension, values), m.Labels);
        }).ToList();
    }

    private static JsonObject ReadState(string outFolder)
    {
        var path = Path.Combine(outFolder, StateFile);
        if (!File.Exists(path)) return new JsonObject();
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? new JsonObject();
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(path, $"not the demo's state file: {e.Message}");
        }
    }
}
