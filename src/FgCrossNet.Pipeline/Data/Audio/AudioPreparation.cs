using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FgCrossNet.Core;
using FgCrossNet.IO;
using FgCrossNet.Progress;

namespace FgCrossNet.Data.Audio;

/// <summary>
/// Turns a folder of recordings, <c>IN/&lt;Class_Name&gt;/&lt;file&gt;.&lt;wav|mp3&gt;</c>, into the FG-XMedia audio layout under a
/// dataset root: spectrogram images <c>ROOT/audio/audioimg/&lt;Class_Name&gt;/&lt;file&gt;.png</c> (<see cref="AudioDecoder"/>,
/// <see cref="SpectrogramComputer"/>, <see cref="SpectrogramRenderer"/>) and their entries merged into
/// <c>ROOT/list/audio/{train,test}.txt</c> and <c>testlabel.txt</c>.
/// <para>Classes are numbered by the root's class list (<see cref="ClassListFile"/>: <c>ROOT/classes.txt</c>, else
/// <c>ROOT/list/classes.txt</c>); without one, by the root's numbered image folders (<c>image/NNN.Name</c>), else by the
/// input's class folder names in ordinal order; the list so derived is written to <c>ROOT/classes.txt</c>.</para>
/// <para>A recording that cannot be read is reported and skipped; nothing else stops the run. When no recording is
/// converted, nothing is written to the root.</para>
/// </summary>
public static class AudioPreparation
{
    /// <summary>Converts every recording under <paramref name="inputFolder"/> into <paramref name="root"/>.</summary>
    /// <param name="inputFolder">Folder of class folders of recordings.</param>
    /// <param name="root">The dataset root to write into.</param>
    /// <param name="options">Image size, split, threads, class list.</param>
    /// <param name="problems">Receives one line per skipped recording, as it happens (may be null).</param>
    /// <exception cref="InvalidInputException">The input folder is missing, or a class folder is not in the class list.</exception>
    public static AudioPreparationResult Run(string inputFolder, string root, AudioPreparationOptions options, TextWriter? problems = null)
    {
        options.Validate();
        var plan = Plan(inputFolder, root, options, out var ignored, out var derivedClasses);
        var result = Convert(root, plan, options, problems) with { Ignored = ignored };
        // The derived class list numbers the lists' labels: it is written only when there are lists to number.
        if (derivedClasses is not null && result.Converted > 0) ClassListFile.Write(Path.Combine(root, ClassListFile.FileName), derivedClasses);
        return result;
    }

    /// <summary>
    /// The recordings under <paramref name="inputFolder"/>, labelled and split (deterministically by
    /// <see cref="AudioPreparationOptions.Seed"/>: within each class, files ordered by a hash of seed, class and file
    /// name; the first round(n * TestFraction) are test). Changes nothing on disk.
    /// </summary>
    /// <param name="inputFolder">Folder of class folders of recordings.</param>
    /// <param name="root">The dataset root whose class list numbers the classes.</param>
    /// <param name="options">Split settings and class list.</param>
    /// <param name="ignored">Files that are not recordings (other extensions, or directly in the input folder).</param>
    /// <param name="derivedClasses">The class list when the root has none (the caller writes it), else null.</param>
    public static IReadOnlyList<AudioRecording> Plan(string inputFolder, string root, AudioPreparationOptions options, out int ignored, out IReadOnlyList<string>? derivedClasses)
    {
        options.Validate();
        if (!Directory.Exists(inputFolder)) throw new InvalidInputException(inputFolder, "input folder not found");
        ignored = Directory.EnumerateFiles(inputFolder).Count();
        var classFolders = Directory.GetDirectories(inputFolder).Select(Path.GetFileName).OfType<string>()
            .Where(name => !name.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        var classes = ClassNumbering(root, classFolders, options.ClassListPath, out var source, out derivedClasses);
        var labelOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classes.Count; i++) labelOf[ClassListFile.BareName(classes[i])] = i;

        var recordings = new List<AudioRecording>();
        foreach (var folder in classFolders)
        {
            var className = ClassListFile.BareName(folder);
            if (!labelOf.TryGetValue(className, out var label))
                throw new InvalidInputException(source ?? inputFolder, $"class folder '{folder}' of {inputFolder} is not in the class list; add it there or move the folder away");
            var files = new List<string>();
            foreach (var file in Directory.EnumerateFiles(Path.Combine(inputFolder, folder)))
            {
                if (AudioDecoder.RecordingExtensions.Contains(Path.GetExtension(file).ToLowerInvariant())) files.Add(file);
                else ignored++;
            }
            var ordered = files.OrderBy(f => SplitKey(options.Seed, className, Path.GetFileName(f))).ThenBy(f => f, StringComparer.Ordinal).ToList();
            int testCount = (int)Math.Round(ordered.Count * options.TestFraction, MidpointRounding.AwayFromZero);
            for (int i = 0; i < ordered.Count; i++) recordings.Add(new AudioRecording(ordered[i], className, label, IsTest: i < testCount));
        }
        return [.. recordings.OrderBy(r => r.Label).ThenBy(r => r.SourcePath, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Converts the given recordings in parallel and merges the converted ones into the root's audio lists: an entry for
    /// the same image path is replaced (in either list), new entries are appended in label then path order, and
    /// <c>testlabel.txt</c> is rewritten from <c>test.txt</c>.
    /// </summary>
    /// <remarks>Besides unreadable recordings, recordings that would share an image (same class and file name with another
    /// extension) are skipped and reported, all of them.</remarks>
    public static AudioPreparationResult Convert(string root, IReadOnlyList<AudioRecording> recordings, AudioPreparationOptions options, TextWriter? problems = null)
    {
        options.Validate();
        var layout = new DatasetLayout(root);
        var converted = new bool[recordings.Count];
        var skipped = new SkippedRecording?[recordings.Count];
        var gate = new object();
        void Skip(int i, InvalidInputException e)
        {
            skipped[i] = new SkippedRecording(recordings[i].SourcePath, e.Problem);
            if (problems is not null) lock (gate) problems.WriteLine($"skipped {e.Message}");
        }

        // Recordings that would share an image (same class and name, other extension) are all skipped: which one was meant is unknown.
        var sharing = recordings.Select((r, i) => (r, i)).GroupBy(x => x.r.RelativeImagePath, StringComparer.Ordinal).Where(g => g.Count() > 1);
        foreach (var group in sharing)
            foreach (var (r, i) in group)
                Skip(i, new InvalidInputException(r.SourcePath, $"{string.Join(" and ", group.Select(x => Path.GetFileName(x.r.SourcePath)))} would give the same image {r.RelativeImagePath}; rename all but one"));
        for (int i = 0; i < recordings.Count; i++)
            if (skipped[i] is null && ListFile.PathProblem(recordings[i].RelativeImagePath) is { } problem) Skip(i, new InvalidInputException(recordings[i].SourcePath, problem));

        var computer = new SpectrogramComputer();
        var renderer = new SpectrogramRenderer(options.ImageSize, options.ImageSize);
        var progress = ProgressMeter.Start(options.Progress, "spectrograms", recordings.Count, "recordings");
        Parallel.For(0, recordings.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount }, i =>
        {
            var r = recordings[i];
            if (skipped[i] is null)
            {
                try
                {
                    var samples = AudioDecoder.LoadMono(r.SourcePath);
                    var decibels = computer.Decibels(samples);
                    renderer.WritePng(decibels, Path.Combine(layout.Root, r.RelativeImagePath));
                    converted[i] = true;
                }
                catch (InvalidInputException e)
                {
                    Skip(i, e);
                }
            }
            progress.Advance();
        });
        progress.Finish();

        var done = recordings.Where((_, i) => converted[i]).ToList();
        if (done.Count > 0) MergeLists(layout, done);
        return new AudioPreparationResult(
            done.Count, done.Count(r => !r.IsTest), done.Count(r => r.IsTest),
            [.. skipped.OfType<SkippedRecording>().OrderBy(s => s.SourcePath, StringComparer.Ordinal)]);
    }

    private static void MergeLists(DatasetLayout layout, IReadOnlyList<AudioRecording> done)
    {
        var replaced = done.Select(r => r.RelativeImagePath).ToHashSet(StringComparer.Ordinal);
        IEnumerable<ListEntry> Merge(string split, bool isTest) =>
            ReadIfPresent(layout.ListPath(Medium.Audio, split)).Where(e => !replaced.Contains(e.RelativePath))
                .Concat(done.Where(r => r.IsTest == isTest).OrderBy(r => r.Label).ThenBy(r => r.RelativeImagePath, StringComparer.Ordinal)
                    .Select(r => new ListEntry(r.RelativeImagePath, r.Label)));
        var train = Merge("train", false).ToList();
        var test = Merge("test", true).ToList();
        ListFile.Write(layout.ListPath(Medium.Audio, "train"), train);
        ListFile.Write(layout.ListPath(Medium.Audio, "test"), test);
        LabelFile.Write(layout.TestLabelPath(Medium.Audio), test.Select(e => e.Label));
    }

    private static IReadOnlyList<ListEntry> ReadIfPresent(string path) =>
        File.Exists(path) && File.ReadLines(path).Any(l => l.Trim().Length > 0) ? ListFile.Read(path) : [];

    private static IReadOnlyList<string> ClassNumbering(string root, IReadOnlyList<string> inputClassFolders, string? explicitPath, out string? source, out IReadOnlyList<string>? derived)
    {
        derived = null;
        source = explicitPath
            ?? new[] { Path.Combine(root, ClassListFile.FileName), Path.Combine(root, "list", ClassListFile.FileName) }.FirstOrDefault(File.Exists);
        if (source is not null) return ClassListFile.Read(source);

        var imageFolder = Path.Combine(root, "image");
        var numbered = Directory.Exists(imageFolder)
            ? Directory.GetDirectories(imageFolder).Select(Path.GetFileName).OfType<string>().Where(ClassListFile.IsNumbered)
                .OrderBy(f => int.Parse(f.AsSpan(0, f.IndexOf('.')), System.Globalization.CultureInfo.InvariantCulture)).ThenBy(f => f, StringComparer.Ordinal).ToList()
            : [];
        if (numbered.Count > 0)
        {
            source = imageFolder;
            derived = numbered;
        }
        else
        {
            derived = [.. inputClassFolders.Select(ClassListFile.BareName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }
        return derived;
    }

    /// <summary>A stable pseudo-random key (the same on every machine and run), unlike string.GetHashCode.</summary>
    private static ulong SplitKey(int seed, string className, string fileName)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{className}\n{fileName}"), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
