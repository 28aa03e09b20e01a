using FgCrossNet.Core.Retrieval;
using FgCrossNet.Evaluation;
using FgCrossNet.IO;
using FgCrossNet.Model;
using FgCrossNet.Training;

namespace FgCrossNet.Experiments;

/// <summary>
/// Scores a finished run: its final model (<c>checkpoints/final.dat</c>) on the run's evaluation split
/// (<c>evaluation.split</c>, normally the test lists), with TorchSharp's eval forward. Writes, inside the run folder,
/// <c>eval/features/&lt;medium&gt;/features_te.{npy,txt}</c> + <c>testlabel.txt</c> (the layout <c>fgcrossnet eval</c>
/// reads) and then <c>eval/scores.json</c> (<see cref="ScoreCardJson"/> with bootstrap intervals, per-class MAP and
/// every query's AP, for the paired tests of <see cref="AblationReport"/>). <c>scores.json</c> is written last and
/// atomically, so its presence means the run is completely evaluated.
/// </summary>
public static class RunEvaluation
{
    public const string Folder = "eval";
    public const string ScoresFile = "scores.json";
    public const string FeaturesFolder = "features";

    /// <summary>Bootstrap resamples of the confidence intervals written into <c>scores.json</c>.</summary>
    public const int BootstrapResamples = 1000;

    /// <summary>The protocol of a run's scores: the paper's, with <see cref="BootstrapResamples"/> intervals seeded by the run's seed.</summary>
    public static EvaluationProtocol Protocol(int seed) => new() { BootstrapResamples = BootstrapResamples, Seed = seed };

    /// <summary>The path of a run's <c>eval/scores.json</c>.</summary>
    public static string ScoresPath(string runFolder) => Path.Combine(runFolder, Folder, ScoresFile);

    /// <summary>Whether the run has been evaluated (its <c>scores.json</c> exists).</summary>
    public static bool IsEvaluated(string runFolder) => File.Exists(ScoresPath(runFolder));

    /// <summary>
    /// Evaluates the run in <paramref name="runFolder"/> (data root: the one it was trained on, unless given);
    /// <paramref name="progress"/> gets the task <c>evaluating &lt;run folder name&gt;</c> (items scored).
    /// </summary>
    public static CrossMediaScoreCard Evaluate(string runFolder, string? dataRoot = null, Action<string>? log = null, Action<FgCrossNet.Progress.ProgressReport>? progress = null)
    {
        ExperimentConfig config;
        string runName;
        using (var run = RunFolder.Open(runFolder)) (config, runName) = (run.ReadConfig(), run.Name);
        var checkpoints = new TrainingCheckpoints(Path.Combine(runFolder, RunFolder.CheckpointFolder));
        var finalModel = checkpoints.PathOf(TrainingCheckpoints.FinalTorchSharpFile);
        if (!File.Exists(finalModel)) throw new InvalidInputException(runFolder, $"the run has not finished (no {RunFolder.CheckpointFolder}/{TrainingCheckpoints.FinalTorchSharpFile})");
        var root = dataRoot ?? (checkpoints.ReadLast() is { DataRoot.Length: > 0 } state ? state.DataRoot : null)
            ?? throw new InvalidInputException(runFolder, "the run does not record its data root: give it");

        using var model = FgCrossNetModel.Create((ResNetDepth)config.Model.Depth, config.Model.Classes, config.Data.TextLength);
        CheckpointLoader.Load(model, finalModel);
        var (_, features) = new ValidationSet(config, root).ExtractFeatures(model, progress: progress, task: $"evaluating {runName}");

        var featuresDir = Path.Combine(runFolder, Folder, FeaturesFolder);
        FeatureFolder.Save(featuresDir, featuresDir, features);
        var card = CrossMediaEvaluation.FromFeatures(features, Protocol(config.Seed), new ScoresOutput(ScoresPath(runFolder)));
        log?.Invoke($"evaluated {runFolder}: bi-modal MAP {card.BimodalAverage:F4}, multi-modal MAP {card.MultimodalAverage:F4}");
        return card;
    }
}
