using System.CommandLine;
using FgCrossNet.Cli.Progress;
using FgCrossNet.Core;
using FgCrossNet.Synthetic;

namespace FgCrossNet.Cli.Commands;

/// <summary><c>fgcrossnet synth</c>: a deterministic synthetic FG-XMedia dataset in the real layout.</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Dataset root to create (absent or empty, or a synthetic dataset with --overwrite).", Required = true };
        var config = new Option<FileInfo?>("--config") { Description = "JSON configuration (see data-manifests/synthetic/default.json); the options below override it." };
        var classes = new Option<int?>("--classes") { Description = "Number of species, 1..200 (default 20)." };
        var seed = new Option<int?>("--seed") { Description = "Seed of everything random (default 0)." };
        var noise = new Option<double?>("--noise") { Description = "Difficulty in [0, 1]: pixel/audio noise, jitter, traits left out of texts (default 0.5)." };
        var similarity = new Option<double?>("--family-similarity") { Description = "In [0, 1]: chance a species keeps each non-defining family trait (default 0.95)." };
        var imageSize = new Option<int?>("--image-size") { Description = "Side of images and video frames, pixels (default 128)." };
        var audioImageSize = new Option<int?>("--audio-image-size") { Description = "Side of spectrogram PNGs, pixels (default 128; the real data: 700)." };
        var frames = new Option<int?>("--frames") { Description = "Frames per video (default 8)." };
        var media = new Option<string?>("--media") { Description = "Media to generate, e.g. image,text (default: all four)." };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores)." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace a synthetic dataset already in --out." };
        var noBaseline = new Option<bool>("--no-baseline") { Description = "Skip the raw-pixel nearest-class-mean check on the images." };

        var command = new Command("synth", "Generate a deterministic, fine-grained synthetic FG-XMedia dataset (image, text, audio, video) in the real layout.")
        {
            output, config, classes, seed, noise, similarity, imageSize, audioImageSize, frames, media, threads, overwrite, noBaseline,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var settings = parse.GetValue(config) is { } file ? SyntheticConfig.Load(file.FullName) : new SyntheticConfig();
            settings = settings with
            {
                Classes = parse.GetValue(classes) ?? settings.Classes,
                Seed = parse.GetValue(seed) ?? settings.Seed,
                Noise = parse.GetValue(noise) ?? settings.Noise,
                FamilySimilarity = parse.GetValue(similarity) ?? settings.FamilySimilarity,
                ImageSize = parse.GetValue(imageSize) ?? settings.ImageSize,
                VideoFrameSize = parse.GetValue(imageSize) ?? settings.VideoFrameSize,
                AudioImageSize = parse.GetValue(audioImageSize) ?? settings.AudioImageSize,
                FramesPerVideo = parse.GetValue(frames) ?? settings.FramesPerVideo,
                Media = parse.GetValue(media) is { } list ? [.. Media.ParseList(list, "--media").Select(m => m.FolderName())] : settings.Media,
            };
            var root = parse.GetValue(output)!.FullName;
            var summary = ConsoleProgress.Run(console =>
                SyntheticDatasetGenerator.Generate(settings, root, parse.GetValue(threads), parse.GetValue(overwrite), console.Log, console.Progress));
            int families = summary.Classes.Select(c => c.Family).Distinct().Count();
            Console.WriteLine($"Wrote {summary.Classes.Count} classes in {families} families to {summary.Root} in {summary.Seconds:F1} s (seed {settings.Seed}).");
            if (summary.TrainEntries.ContainsKey(Medium.Image) && !parse.GetValue(noBaseline))
            {
                var accuracy = PixelNearestMeanBaseline.Accuracy(root, Medium.Image, threads: parse.GetValue(threads));
                Console.WriteLine($"Raw-pixel nearest-class-mean accuracy on the test images (16x16 RGB): {accuracy:P1} (chance {1.0 / summary.Classes.Count:P1}).");
            }
            return 0;
        }));
        return command;
    }
}
