using System.CommandLine;
using FgCrossNet.Cli.Progress;
using FgCrossNet.Training;

namespace FgCrossNet.Cli.Commands;

/// <summary>
/// <c>fgcrossnet train</c>: FGCrossNet's two-stage training into a new run folder (or <c>--resume</c> an interrupted
/// one). Everything is validated before any work; the run folder's path is the last line of output.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = $"Built-in config ({string.Join(", ", ExperimentConfigLoader.BuiltInNames)}) or a JSON file." };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Dataset root (list/<medium>/train.txt, ...). With --resume: default, the run's own." };
        var runs = new Option<DirectoryInfo>("--runs") { Description = "Folder of run folders.", DefaultValueFactory = _ => new DirectoryInfo("runs") };
        var name = new Option<string?>("--name") { Description = "Run name in the folder name (default: the config's name)." };
        var set = new Option<string[]>("--set") { Description = "Override a config key, e.g. --set optimizer.lr=0.01 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var resume = new Option<DirectoryInfo?>("--resume") { Description = "Continue this run folder from its last checkpoint (its config is used)." };
        var stopAfter = new Option<int?>("--stop-after-epochs") { Description = "Stop after this many epochs (the run stays resumable)." };
        var estimate = new Option<int?>("--estimate") { Description = "Train nothing: time N real steps of this config here and print how long the whole run would take." };

        var command = new Command("train", "Train FGCrossNet (an optional warm-up, stage 0, then the paper's two stages: classification + center, then + ranking) and save checkpoints, metrics and a summary.")
        {
            config, data, runs, name, set, resume, stopAfter, estimate,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var overrides = parse.GetValue(set) ?? [];
            var resumeFolder = parse.GetValue(resume);
            if (resumeFolder is not null && (parse.GetValue(config) is not null || overrides.Length > 0))
                throw new ArgumentException("--resume uses the run's own config: do not give --config or --set");
            if (resumeFolder is null && parse.GetValue(config) is null)
                throw new ArgumentException("--config is required (or --resume RUN_DIR)");
            if (resumeFolder is null && parse.GetValue(data) is null)
                throw new ArgumentException("--data is required");
            if (parse.GetValue(estimate) is { } estimateSteps)
            {
                var measured = TrainingTimeEstimate.Measure(ExperimentConfigLoader.Load(parse.GetValue(config)!, overrides), parse.GetValue(data)!.FullName, estimateSteps, Console.WriteLine);
                Console.WriteLine($"estimate: {measured}");
                return 0;
            }

            // The first Ctrl+C stops after the current epoch's checkpoint (resumable); a second one ends the process.
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                if (stop.IsCancellationRequested) return;
                e.Cancel = true;
                stop.Cancel();
                Console.Error.WriteLine("stopping after the current epoch (Ctrl+C again to quit now)");
            };
            Console.CancelKeyPress += onCancel;
            TrainingResult result;
            try
            {
                result = ConsoleProgress.Run(console => Run(parse.GetValue(config), parse.GetValue(data), parse.GetValue(runs)!, parse.GetValue(name), overrides, resumeFolder,
                    new TrainingOptions { StopAfterEpochs = parse.GetValue(stopAfter), Cancellation = stop.Token, Log = console.Log, Progress = console.Progress }));
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            if (!result.Completed)
                Console.WriteLine($"stopped after {result.EpochsRun} epochs; continue with: fgcrossnet train --resume {result.RunFolder}");
            Console.WriteLine(result.RunFolder);
            return 0;
        }));
        return command;
    }

    private static TrainingResult Run(string? configName, DirectoryInfo? data, DirectoryInfo runs, string? name, string[] overrides,
        DirectoryInfo? resume, TrainingOptions options)
    {
        if (resume is not null) return TwoStageTrainer.Resume(resume.FullName, data?.FullName, options);
        var config = ExperimentConfigLoader.Load(configName!, overrides);
        return TwoStageTrainer.Start(config, data!.FullName, runs.FullName, name, options);
    }
}
