using FgCrossNet.Pipeline.Tests.Model;
using FgCrossNet.Training;

namespace FgCrossNet.Pipeline.Tests.Training;

/// <summary><c>fgcrossnet train --set model.pretrained=FILE</c> starts from a reference-format checkpoint (legacy PyTorch format, <c>module.</c> keys) written by real PyTorch.</summary>
[Collection(TrainingCollection.Name)]
public sealed class LegacyPretrainedCheckpointTests(TinyTrainingRoot data)
{
    [Fact]
    public void Training_starts_from_the_weights_of_a_legacy_checkpoint()
    {
        using var folder = new TempFolder();
        using var checkpoint = TorchCheckpoints.WriteReferenceFormatCheckpoint(folder, seed: 19);
        var (source, legacy) = (checkpoint.Source, checkpoint.Legacy);
        var runs = data.NewRunsFolder();

        // Stopped before the first epoch: the run's starting weights are saved, and it stays resumable.
        var result = CliProcess.Run("train", "--config", checkpoint.ConfigFile, "--data", data.Root, "--runs", runs,
            "--set", $"model.pretrained={legacy}", "--stop-after-epochs", "0");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains($"pretrained weights from {legacy}: loaded {source.state_dict().Count} of {source.state_dict().Count} tensors (prefix 'module.' stripped)", result.StdOut);
        var run = result.StdOut.Trim().Split('\n')[^1].Trim();
        var initial = TwoStageTrainerTests.ReadTensors(Path.Combine(run, RunFolder.CheckpointFolder, TrainingCheckpoints.InitialModelFile));
        foreach (var (key, expected) in source.state_dict())
            Assert.True(ModelTestData.MaxAbsDifference(expected, initial[key]) == 0, key);
    }
}
