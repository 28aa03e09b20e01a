using System.CommandLine;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core;
using FgCrossNet.Evaluation;

namespace FgCrossNet.Cli.Commands;

/// <summary><c>fgcrossnet eval</c>: the paper's 16 MAP scores (and more) from saved test features.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var features = new Option<DirectoryInfo>("--features") { Description = "Folder with image/, text/, audio/, video/, each holding features_te.txt or features_te.npy.", Required = true };
        var labels = new Option<DirectoryInfo?>("--labels") { Description = "Folder with <medium>/testlabel.txt (default: the --features folder)." };
        var json = new Option<FileInfo?>("--json") { Description = "Write all scores to this JSON file (written atomically)." };
        var excludeSelf = new Option<bool>("--exclude-self") { Description = "Leave each query's own item out of the X->All and within-medium galleries (paper protocol keeps it)." };
        var ci = new Option<bool>("--ci") { Description = "Add bootstrap 95% confidence intervals (resampling queries)." };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples for --ci.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Bootstrap seed.", DefaultValueFactory = _ => 0 };
        var media = new Option<string>("--media") { Description = "Media to evaluate, e.g. image,text,audio (default: all four).", DefaultValueFactory = _ => "image,text,audio,video" };
        var perClass = new Option<bool>("--per-class") { Description = "Include per-class MAP of every task in the JSON." };
        var perQuery = new Option<bool>("--per-query") { Description = "Include every query's AP in the JSON (for paired significance tests between runs)." };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores)." };

        var command = new Command("eval", "Evaluate saved features the way the paper does: 12 bi-modal and 4 multi-modal MAP scores.")
        {
            features, labels, json, excludeSelf, ci, resamples, seed, media, perClass, perQuery, threads,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var protocol = new EvaluationProtocol
            {
                Media = Media.ParseList(parse.GetValue(media)!, "--media"),
                ExcludeSelf = parse.GetValue(excludeSelf),
                BootstrapResamples = parse.GetValue(ci) ? parse.GetValue(resamples) : 0,
                Seed = parse.GetValue(seed),
            };
            var output = parse.GetValue(json) is { } jsonFile ? new ScoresOutput(jsonFile.FullName, parse.GetValue(perClass), parse.GetValue(perQuery)) : null;
            var card = CrossMediaEvaluation.FromFolder(parse.GetValue(features)!.FullName, protocol, output, parse.GetValue(labels)?.FullName,
                parse.GetValue(threads), Console.WriteLine, Console.Error.WriteLine).Card;

            Console.WriteLine();
            Console.WriteLine($"Protocol: {protocol.Description}.");
            Console.WriteLine();
            Console.WriteLine(ScoreTables.Bimodal(card));
            Console.WriteLine(ScoreTables.Multimodal(card));
            if (output is not null) Console.WriteLine($"Scores written to {output.Path}");
            return 0;
        }));
        return command;
    }
}
