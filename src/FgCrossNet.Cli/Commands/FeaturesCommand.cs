using System.CommandLine;
using FgCrossNet.Core;
using FgCrossNet.Evaluation;
using FgCrossNet.IO;
using FgCrossNet.Synthetic;

namespace FgCrossNet.Cli.Commands;

/// <summary><c>fgcrossnet features synth</c>: synthetic test features in the reference layout, for trying <c>eval</c>.</summary>
internal static class FeaturesCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (gets <medium>/features_te.txt, features_te.npy and testlabel.txt).", Required = true };
        var scale = new Option<double>("--scale") { Description = "Fraction of the FG-XMedia test size (1 = 21,476 items).", DefaultValueFactory = _ => 0.1 };
        var classes = new Option<int>("--classes") { Description = "Number of classes (= feature dimension).", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 0 };
        var synth = new Command("synth", "Write synthetic softmax-like test features and labels shaped like a trained model's.") { output, scale, classes, seed };
        synth.SetAction(parse => CommandRunner.Run(() =>
        {
            int n = parse.GetValue(classes);
            if (n < 2) throw new ArgumentException("--classes must be at least 2.");
            double fraction = parse.GetValue(scale);
            if (fraction is <= 0 or > 10) throw new ArgumentException("--scale must be in (0, 10].");
            var dir = parse.GetValue(output)!.FullName;
            var media = SyntheticFeatureSet.Generate(SyntheticFeatureSet.ScaledCounts(fraction, n), n, parse.GetValue(seed));
            FeatureFolder.Save(dir, dir, media);
            Console.WriteLine($"Wrote {media.Sum(m => m.Count)} items ({string.Join(", ", media.Select(m => $"{m.Medium.FolderName()} {m.Count}"))}) to {dir}");
            return 0;
        }));
        return new Command("features", "Feature sets in the reference layout.") { synth };
    }
}
