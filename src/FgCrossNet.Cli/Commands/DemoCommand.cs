using System.CommandLine;
using System.Diagnostics;
using FgCrossNet.Cli.Progress;
using FgCrossNet.Evaluation;
using FgCrossNet.Experiments;
using FgCrossNet.Figures;
using FgCrossNet.Synthetic;
using FgCrossNet.Training;

namespace FgCrossNet.Cli.Commands;

/// <summary>
/// <c>fgcrossnet demo</c>: the main job. Synthetic FG-XMedia, two-stage training, ONNX export, ML.NET extraction,
/// evaluation and the HTML report; a second call continues an interrupted demo. The report's path is the last line.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Demo folder (data, run, model.onnx, features, scores.json, report/).", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "demo")) };
        var config = new Option<string>("--config") { Description = $"Training config ({string.Join(", ", ExperimentConfigLoader.BuiltInNames)}) or a JSON file.", DefaultValueFactory = _ => "cpu-tuned" };
        var set = new Option<string[]>("--set") { Description = "Override a training config key (repeatable), e.g. --set stage1.epochs=2." };
        var synthetic = new Option<FileInfo?>("--synthetic") { Description = "Synthetic dataset config (default: data-manifests/synthetic/default.json's values)." };
        var fresh = new Option<bool>("--fresh") { Description = "Delete the demo folder first instead of continuing it." };

        var command = new Command("demo", "The whole method end to end on the synthetic FG-XMedia: generate, train, export to ONNX, extract with ML.NET, evaluate, report.")
        {
            output, config, set, synthetic, fresh,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            var outFolder = parse.GetValue(output)!.FullName;
            var training = ExperimentConfigLoader.Load(parse.GetValue(config)!, parse.GetValue(set) ?? []);
            var data = parse.GetValue(synthetic) is { } file ? SyntheticConfig.Load(file.FullName) : new SyntheticConfig();
            if (parse.GetValue(fresh) && Directory.Exists(outFolder)) Directory.Delete(outFolder, recursive: true);

            var demo = ConsoleProgress.Run(console => DemoPipeline.Run(outFolder, training, data, console.Log, console.Progress));
            var report = DemoReport.Write(demo, Path.Combine(outFolder, DemoPipeline.DataFolder), Console.WriteLine);

            Console.WriteLine();
            Console.WriteLine($"Protocol: {demo.Scores.Protocol.Description}.");
            Console.WriteLine();
            Console.WriteLine(ScoreTables.Bimodal(demo.Scores));
            Console.WriteLine(ScoreTables.Multimodal(demo.Scores));
            Console.WriteLine(DemoReport.Summary(demo));
            Console.WriteLine("Steps (s): " + string.Join(", ", demo.StepSeconds.Select(kv => $"{kv.Key} {kv.Value:F0}")) + $"; total {clock.Elapsed.TotalSeconds:F0} s");
            Console.WriteLine($"scores: {demo.ScoresPath}; figures: {Path.Combine(Path.GetDirectoryName(report)!, DemoReport.FiguresFolder)}");
            Console.WriteLine(report);
            return 0;
        }));
        return command;
    }
}
