using System.CommandLine;
using FgCrossNet.Cli.Progress;
using FgCrossNet.Core;
using FgCrossNet.Inference;

namespace FgCrossNet.Cli.Commands;

/// <summary>
/// <c>fgcrossnet extract</c>: a split's features through an ONNX export, in the folder layout <c>fgcrossnet eval</c>
/// reads; or one shard of them (<c>--shard k/n</c>, e.g. an array job's task), and <c>--merge</c> of the shards.
/// </summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo?>("--model") { Description = "The export's model.onnx (or model.text.onnx; both must be there)." };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Dataset root (list/<medium>/<split>.txt, ...)." };
        var split = new Option<string>("--split") { Description = "List to extract: list/<medium>/<split>.txt.", DefaultValueFactory = _ => "test" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder: <medium>/features_te.txt, .npy, testlabel.txt, items.txt.", Required = true };
        var media = new Option<string?>("--media") { Description = "Media to extract, e.g. image,text (default: every medium with a list)." };
        var engine = new Option<string>("--engine") { Description = "mlnet (ML.NET pipelines, row at a time) or ort (batched ONNX Runtime, for bulk).", DefaultValueFactory = _ => "mlnet" };
        var resize = new Option<string>("--resize") { Description = "pillow (training's exact resize, default) or mlnet (ML.NET ResizeImages; --engine mlnet only).", DefaultValueFactory = _ => "pillow" };
        var batch = new Option<int>("--batch") { Description = "Items per ONNX Runtime run with --engine ort.", DefaultValueFactory = _ => 32 };
        var gpu = new Option<int?>("--gpu") { Description = "Ask for CUDA device N (falls back to the CPU; the provider used is printed)." };
        var force = new Option<bool>("--force") { Description = "Extract media again even if an earlier run finished them." };
        var shard = new Option<string?>("--shard") { Description = "Extract only shard k of n of every list (k/n, e.g. $SLURM_ARRAY_TASK_ID/8), into OUT/shards/k-of-n/; then --merge." };
        var merge = new Option<bool>("--merge") { Description = "Extract nothing: merge the finished shards in OUT/shards/ into OUT/<medium>/ (what one process would have written)." };

        var command = new Command("extract", "Extract features of a dataset split through an ONNX export (resumable per medium; bad items are reported and skipped).")
        {
            model, data, split, output, media, engine, resize, batch, gpu, force, shard, merge,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            if (parse.GetValue(merge))
            {
                if (parse.GetValue(shard) is not null) throw new ArgumentException("--merge merges every shard: do not give --shard");
                var folder = parse.GetValue(output)!.FullName;
                PrintReports(ExtractionShardMerge.Merge(folder, Console.WriteLine));
                Console.WriteLine($"features in {folder}; score them with: fgcrossnet eval --features {folder}");
                return 0;
            }
            var options = new ExtractionOptions
            {
                ModelPath = (parse.GetValue(model) ?? throw new ArgumentException("--model is required (or --merge)")).FullName,
                DataRoot = (parse.GetValue(data) ?? throw new ArgumentException("--data is required (or --merge)")).FullName,
                OutputFolder = parse.GetValue(output)!.FullName,
                Split = parse.GetValue(split)!,
                Media = parse.GetValue(media) is { } list ? Media.ParseList(list, "--media") : null,
                Engine = parse.GetValue(engine) switch
                {
                    "mlnet" => FeatureEngine.MlNet,
                    "ort" => FeatureEngine.BatchedOrt,
                    var other => throw new ArgumentException($"--engine: '{other}' is not mlnet or ort"),
                },
                Resize = parse.GetValue(resize) switch
                {
                    "pillow" => ImageResizeMode.PillowExact,
                    "mlnet" => ImageResizeMode.MlNet,
                    var other => throw new ArgumentException($"--resize: '{other}' is not pillow or mlnet"),
                },
                BatchSize = parse.GetValue(batch),
                GpuDeviceId = parse.GetValue(gpu),
                Force = parse.GetValue(force),
                Shard = parse.GetValue(shard) is { } k ? ExtractionShard.Parse(k) : null,
            };
            PrintReports(ConsoleProgress.Run(console => FeatureExtraction.Run(options with { Log = console.Log, Progress = console.Progress })));
            if (options.Shard is { } s)
                Console.WriteLine($"shard {s} in {s.Folder(options.OutputFolder)}; when every shard has finished: fgcrossnet extract --merge --out {options.OutputFolder}");
            else
                Console.WriteLine($"features in {options.OutputFolder}; score them with: fgcrossnet eval --features {options.OutputFolder}");
            return 0;
        }));
        return command;
    }

    private static void PrintReports(IReadOnlyList<MediumExtractionReport> reports)
    {
        foreach (var r in reports)
        {
            var what = r.Medium == Medium.Video ? "videos" : "items";
            Console.WriteLine(r.AlreadyDone
                ? $"{r.Medium.FolderName(),-6} {r.Rows,7} {what} (done earlier)"
                : $"{r.Medium.FolderName(),-6} {r.Rows,7} {what}, {r.Skipped.Count} skipped{(r.SkippedFrames > 0 ? $" ({r.SkippedFrames} unreadable frames)" : "")}, {r.Elapsed.TotalSeconds:F1} s");
        }
    }
}
