using System.CommandLine;
using FgCrossNet.Cli.Progress;
using FgCrossNet.Data.Audio;
using FgCrossNet.Data;

namespace FgCrossNet.Cli.Commands;

/// <summary>
/// <c>fgcrossnet prepare-audio</c>: recordings to the reference's spectrogram images and audio list files.
/// Exit code 0 when at least one recording was converted (skipped ones are listed on stderr), 1 when none was,
/// 2 on bad input (missing folder, class folder not in the class list, bad option).
/// </summary>
internal static class PrepareAudioCommand
{
    public const int NothingConverted = 1;

    public static Command Create()
    {
        var input = new Option<DirectoryInfo>("--in") { Description = "Folder of recordings: <Class_Name>/<file>.wav|.mp3 (FLAC/Ogg/AIFF/M4A are reported as unsupported).", Required = true };
        var root = new Option<DirectoryInfo>("--root") { Description = "Dataset root: images go to audio/audioimg/<Class_Name>/, entries are merged into list/audio/{train,test,testlabel}.txt.", Required = true };
        var size = new Option<int>("--size") { Description = "Side of the square spectrogram PNGs in pixels.", DefaultValueFactory = _ => SpectrogramRenderer.ReferenceSize };
        var testFraction = new Option<double>("--test-fraction") { Description = "Share of each class's recordings put in the test list.", DefaultValueFactory = _ => 0.5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the deterministic train/test split.", DefaultValueFactory = _ => 0 };
        var classes = new Option<FileInfo?>("--classes") { Description = "Class list '<id> <folder>' to number classes by (default: ROOT/classes.txt, ROOT/list/classes.txt, ROOT/image/NNN.* folders, else sorted input folder names, written to ROOT/classes.txt)." };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores)." };

        var command = new Command("prepare-audio", "Turn recordings into the reference's spectrograms (librosa STFT 2048/512, dB re max, top 80 dB, magma) and audio list files. Unreadable recordings are listed on stderr and skipped; exit code 0 when at least one was converted, 1 when none was, 2 on bad input.")
        {
            input, root, size, testFraction, seed, classes, threads,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var rootDir = parse.GetValue(root)!.FullName;
            var options = new AudioPreparationOptions
            {
                ImageSize = parse.GetValue(size),
                TestFraction = parse.GetValue(testFraction),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
                ClassListPath = parse.GetValue(classes)?.FullName,
            };
            var started = System.Diagnostics.Stopwatch.StartNew();
            var result = ConsoleProgress.Run(console => AudioPreparation.Run(parse.GetValue(input)!.FullName, rootDir, options with { Progress = console.Progress }, Console.Error));
            Console.WriteLine($"Converted {result.Converted} recordings ({result.Train} train, {result.Test} test) into {new DatasetLayout(rootDir).AudioImageFolder} in {started.Elapsed.TotalSeconds:F1} s.");
            if (result.Ignored > 0) Console.WriteLine($"Ignored {result.Ignored} files that are not recordings in a class folder.");
            if (result.Skipped.Count > 0) Console.Error.WriteLine($"Skipped {result.Skipped.Count} recordings that could not be read (listed above).");
            if (result.Converted == 0)
            {
                Console.Error.WriteLine("error: no recording was converted.");
                return NothingConverted;
            }
            return 0;
        }));
        return command;
    }
}
