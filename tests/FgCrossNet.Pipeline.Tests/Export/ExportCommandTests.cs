using FgCrossNet.Export;
using FgCrossNet.Model;
using FgCrossNet.Pipeline.Tests.Training;
using FgCrossNet.Training;

namespace FgCrossNet.Pipeline.Tests.Export;

/// <summary><c>fgcrossnet export</c> as a user runs it: a checkpoint and its config in, two checked ONNX files out; bad input named, nothing written.</summary>
public sealed class ExportCommandTests
{
    /// <summary>The tiny config in <c>config.json</c> and a fresh network of it saved as <paramref name="name"/> (.pth: PyTorch format, else TorchSharp's).</summary>
    private static (ExperimentConfig Config, string ConfigFile, string Checkpoint) TinyCheckpoint(TempFolder folder, string name)
    {
        var config = TinyTrainingRoot.Config();
        var configFile = folder.File("config.json");
        File.WriteAllText(configFile, ExperimentConfigLoader.ToJson(config));
        var checkpoint = folder.File(name);
        using var model = new FgCrossNetModel(new NetworkArchitecture(ResNetDepth.ResNet18, config.Model.Classes, config.Data.TextLength));
        if (name.EndsWith(".pth", StringComparison.Ordinal)) CheckpointWriter.SavePyTorch(model, checkpoint);
        else CheckpointWriter.SaveTorchSharp(model, checkpoint);
        return (config, configFile, checkpoint);
    }

    [Fact]
    public void A_checkpoint_with_its_config_exports_both_entry_points()
    {
        using var folder = new TempFolder();
        var (config, configFile, checkpoint) = TinyCheckpoint(folder, "weights.dat");

        var result = CliProcess.Run("export", "--checkpoint", checkpoint, "--config", configFile, "--out", folder.File("out/model.onnx"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        var (image, text) = FgCrossNetOnnxFile.OpenPair(folder.File("out/model.onnx"));
        Assert.Equal(config.Data.Crop, image.Metadata.InputSize);
        Assert.Equal(config.Data.ImageScale, image.Metadata.ImageScale);
        Assert.Equal(config.Model.Classes, text.Metadata.Model.NumClasses);
        Assert.Contains(text.Path, result.StdOut);
    }

    [Fact]
    public void A_folder_that_is_not_a_run_is_named_and_nothing_is_written()
    {
        using var folder = new TempFolder();
        var result = CliProcess.Run("export", "--run", folder.Path, "--out", folder.File("model.onnx"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(folder.Path, result.StdErr);
        Assert.Contains("not a run folder", result.StdErr);
        Assert.Empty(Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_checkpoint_that_does_not_fit_the_config_is_refused_and_nothing_is_written()
    {
        using var folder = new TempFolder();
        var checkpoint = folder.File("weights.dat");
        using (var model = FgCrossNetModel.ResNet18(numClasses: 5, textLength: 32))
            CheckpointWriter.SaveTorchSharp(model, checkpoint);
        var configFile = folder.File("config.json");
        File.WriteAllText(configFile, ExperimentConfigLoader.ToJson(TinyTrainingRoot.Config("model.classes=3")));
        var result = CliProcess.Run("export", "--checkpoint", checkpoint, "--config", configFile, "--out", folder.File("model.onnx"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fc.weight", result.StdErr);
        Assert.False(File.Exists(folder.File("model.onnx")));
        Assert.False(File.Exists(folder.File("model.text.onnx")));
    }

    [Fact]
    public void A_pth_whose_zip_CRC_fails_is_refused_naming_it_and_nothing_is_written()
    {
        using var folder = new TempFolder();
        var (_, configFile, checkpoint) = TinyCheckpoint(folder, "weights.pth");
        // 64 bytes inverted in the middle of the file: inside a tensor's stored data, so sizes and the zip directory stay intact.
        var bytes = File.ReadAllBytes(checkpoint);
        for (int i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++) bytes[i] = (byte)~bytes[i];
        File.WriteAllBytes(checkpoint, bytes);

        var result = CliProcess.Run("export", "--checkpoint", checkpoint, "--config", configFile, "--out", folder.File("model.onnx"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(checkpoint, result.StdErr);
        Assert.Contains("CRC", result.StdErr);
        Assert.False(File.Exists(folder.File("model.onnx")));
        Assert.False(File.Exists(folder.File("model.text.onnx")));
    }
}
