using FgCrossNet.Data;
using FgCrossNet.IO;
using FgCrossNet.Model;
using FgCrossNet.Training;

namespace FgCrossNet.Export;

/// <summary>
/// Exports trained networks to ONNX: a run folder's <c>checkpoints/final.dat</c> with the run's <c>config.json</c>, or
/// any checkpoint with a config. Class names come from the dataset root's <c>classes.txt</c> when there is one (a run's
/// own root, recorded in its <c>last.json</c>, or <c>dataRoot</c>), else they are <c>class_0</c>..<c>class_{C-1}</c>.
/// </summary>
public static class FgCrossNetExporter
{
    /// <summary>Exports <c>RUN/checkpoints/final.dat</c>.</summary>
    public static ExportResult ExportRun(string runFolder, string outPath, string? dataRoot = null)
    {
        var run = Path.GetFullPath(runFolder);
        var configFile = Path.Combine(run, RunFolder.ConfigFile);
        if (!File.Exists(configFile)) throw new InvalidInputException(run, $"not a run folder (no {RunFolder.ConfigFile})");
        var config = ExperimentConfigLoader.Load(configFile);
        var checkpoints = new TrainingCheckpoints(Path.Combine(run, RunFolder.CheckpointFolder));
        var final = checkpoints.PathOf(TrainingCheckpoints.FinalTorchSharpFile);
        if (!File.Exists(final))
            throw new InvalidInputException(run, $"the run has no {RunFolder.CheckpointFolder}/{TrainingCheckpoints.FinalTorchSharpFile} (not finished?); export a checkpoint with --checkpoint FILE --config {configFile}");
        dataRoot ??= checkpoints.ReadLast()?.DataRoot;
        return ExportCheckpoint(final, config, outPath, dataRoot);
    }

    /// <summary>Exports the checkpoint <paramref name="checkpointPath"/> (any <see cref="CheckpointFormat"/>) of a network built as <paramref name="config"/> says.</summary>
    public static ExportResult ExportCheckpoint(string checkpointPath, ExperimentConfig config, string outPath, string? dataRoot = null)
    {
        var metadata = FgCrossNetOnnxMetadata.From(config, ReadClassNames(dataRoot));
        using var model = new FgCrossNetModel(metadata.Model);
        CheckpointLoader.Load(model, checkpointPath);
        var (image, text) = OnnxModelWriter.Write(model, metadata, outPath);
        return new ExportResult(image, text, metadata, Path.GetFullPath(checkpointPath));
    }

    private static IReadOnlyList<string>? ReadClassNames(string? dataRoot)
    {
        if (string.IsNullOrEmpty(dataRoot)) return null;
        var file = Path.Combine(dataRoot, ClassListFile.FileName);
        return File.Exists(file) ? ClassListFile.Read(file) : null;
    }
}
