using System.CommandLine;
using FgCrossNet.Core;
using FgCrossNet.Core.Retrieval;
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
            var featuresDir = parse.GetValue(features)!.FullName;
            var labelsDir = parse.GetValue(labels)?.FullName ?? featuresDir;
            var selected = ParseMedia(parse.GetValue(media)!);
            var loaded = FeatureFolder.Load(featuresDir, labelsDir, selected);
            foreach (var m in loaded)
                Console.WriteLine($"{m.Medium.FolderName(),-6} {m.Count,6} items x {m.Features.Dimension} from {FeatureFolder.FeatureFile(featuresDir, m.Medium)}");
            foreach (var m in loaded)
                if (m.Features.ZeroRowCount() is > 0 and var zero)
                    Console.Error.WriteLine($"warning: {zero} of {m.Count} {m.Medium.FolderName()} feature rows are all zero ({FeatureFolder.FeatureFile(featuresDir, m.Medium)}): " +
                                            "their cosine is undefined, so they have similarity 0 with every item (as queries they rank the gallery by index)");

            var rankings = CrossMediaRankings.Compute(loaded, parse.GetValue(excludeSelf), parse.GetValue(threads));
            var options = ScoreOptions.Default with
            {
                BootstrapResamples = parse.GetValue(ci) ? parse.GetValue(resamples) : 0,
                Seed = parse.GetValue(seed),
            };
            var card = CrossMediaScoreCard.Compute(rankings, options);

            Console.WriteLine();
            Console.WriteLine($"Protocol: cosine distance, whole gallery ranked, ties by gallery index; query's own item {(card.ExcludeSelf ? "EXCLUDED from" : "INCLUDED in")} X->All galleries{(card.ExcludeSelf ? "" : " (paper)")}.");
            Console.WriteLine();
            Console.WriteLine(ScoreTables.Bimodal(card));
            Console.WriteLine(ScoreTables.Multimodal(card));
            if (parse.GetValue(json) is { } jsonFile)
            {
                ScoreCardJson.Write(jsonFile.FullName, card, parse.GetValue(perClass), parse.GetValue(perQuery));
                Console.WriteLine($"Scores written to {jsonFile.FullName}");
            }
            return 0;
        }));
        return command;
    }

    internal static Medium[] ParseMedia(string list)
    {
        var result = new List<Medium>();
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Media.TryParse(name, out var m)) throw new ArgumentException($"--media: '{name}' is not one of image, text, audio, video.");
            if (!result.Contains(m)) result.Add(m);
        }
        if (result.Count == 0) throw new ArgumentException("--media: name at least one medium.");
        return [.. result.Order()];
    }
}
