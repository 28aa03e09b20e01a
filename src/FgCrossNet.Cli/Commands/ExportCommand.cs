using System.CommandLine;
using FgCrossNet.Export;
using FgCrossNet.Training;

namespace FgCrossNet.Cli.Commands;

/// <summary><c>fgcrossnet export</c>: a trained network as ONNX (the image entry point's file and its <c>.text.onnx</c> companion).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var run = new Option<DirectoryInfo?>("--run") { Description = "Run folder: exports checkpoints/final.dat with the run's config.json." };
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "A checkpoint to export: TorchSharp .dat, or PyTorch .pth (zip, or the legacy format before PyTorch 1.6); needs --config." };
        var config = new Option<string?>("--config") { Description = $"With --checkpoint: built-in config ({string.Join(", ", ExperimentConfigLoader.BuiltInNames)}) or a JSON file (a run's config.json)." };
        var set = new Option<string[]>("--set") { Description = "With --checkpoint: override a config key, e.g. --set model.depth=18 (repeatable)." };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Dataset root whose classes.txt names the classes (default: the run's own root)." };
        var output = new Option<FileInfo>("--out") { Description = "Output file, e.g. model.onnx (model.text.onnx is written beside it).", Required = true };

        var command = new Command("export", "Export a trained network to ONNX (opset 13, IR 8): model.onnx for images, frames and spectrograms, model.text.onnx for text.")
        {
            run, checkpoint, config, set, data, output,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var runFolder = parse.GetValue(run);
            var checkpointFile = parse.GetValue(checkpoint);
            if ((runFolder is null) == (checkpointFile is null)) throw new ArgumentException("give either --run RUN_DIR or --checkpoint FILE");
            var overrides = parse.GetValue(set) ?? [];
            if (runFolder is not null && (parse.GetValue(config) is not null || overrides.Length > 0))
                throw new ArgumentException("--run uses the run's own config: do not give --config or --set");
            if (checkpointFile is not null && parse.GetValue(config) is null)
                throw new ArgumentException("--checkpoint needs --config (the config the network was trained with)");

            var outPath = parse.GetValue(output)!.FullName;
            var dataRoot = parse.GetValue(data)?.FullName;
            var result = runFolder is not null
                ? FgCrossNetExporter.ExportRun(runFolder.FullName, outPath, dataRoot)
                : FgCrossNetExporter.ExportCheckpoint(checkpointFile!.FullName, ExperimentConfigLoader.Load(parse.GetValue(config)!, overrides), outPath, dataRoot);
            var m = result.Metadata;
            Console.WriteLine($"exported {result.CheckpointPath}: ResNet-{(int)m.Model.Depth}, {m.Model.NumClasses} classes, images {m.InputSize}x{m.InputSize} (resized to {m.ImageScale}), text length {m.Model.TextLength}");
            Console.WriteLine($"image, video frames, spectrograms: {result.ImagePath}");
            Console.WriteLine($"text:                              {result.TextPath}");
            return 0;
        }));
        return command;
    }
}
