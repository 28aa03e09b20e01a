using System.Collections.Concurrent;
using System.Globalization;
using FgCrossNet.Core;
using FgCrossNet.IO;
using FgCrossNet.Progress;

namespace FgCrossNet.Data.Manifests;

/// <summary>
/// Checks a dataset root against its list files and, when given, a manifest: that list lines are well formed and
/// stay inside the root, every listed file exists and no unlisted file sits in a media folder, labels agree with the
/// class folders of their paths, testlabel.txt agrees with test.txt, test lists equal the official ones and counts
/// match; then (unless <see cref="DatasetCheckOptions.VerifyDecode"/> is off: a listing-only check) every listed image
/// decodes and every listed text is usable by the rule training applies. Every problem is reported (counted per kind),
/// not just the first.
/// </summary>
public static class DatasetCheck
{
    private static readonly string[] Splits = ["train", "test"];

    /// <summary>
    /// Checks <paramref name="root"/>. Without a manifest, the root is checked against its own lists, for the media
    /// whose <c>list/&lt;medium&gt;/</c> folder exists, with the class table of the root's <c>classes.txt</c> if any.
    /// </summary>
    public static DatasetCheckReport Run(string root, FgxManifest? manifest, DatasetCheckOptions? options = null)
    {
        options ??= new DatasetCheckOptions();
        if (!Directory.Exists(root)) throw new InvalidInputException(root, "dataset root not found");
        var layout = new DatasetLayout(root);
        var (classes, classSource) = ClassesFor(layout, manifest);
        int? classCount = manifest?.ClassCount ?? classes?.Count;
        var report = new DatasetCheckReport(layout.Root, manifest?.Name, classSource, options.ExamplesPerKind);

        var media = manifest?.Media.Select(m => m.Medium).ToArray()
                    ?? Media.All.Where(m => Directory.Exists(layout.ListFolder(m))).ToArray();
        if (media.Length == 0)
            report.Add(DatasetProblemKind.MissingListFile, "no list/<medium>/ folder (image, text, audio, video): is this a dataset root?", layout.Root);

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var onDisk = new Dictionary<Medium, HashSet<string>>();
        var folderLabels = new Dictionary<string, List<(int Label, string File, int Line)>>(StringComparer.Ordinal);
        foreach (var medium in media)
        {
            var expected = manifest?.MediumOf(medium);
            string mediaFolder = expected?.MediaFolder ?? DatasetLayout.MediaFolder(medium);
            onDisk[medium] = FilesUnder(layout.Root, mediaFolder);

            var lists = new Dictionary<string, List<ListEntry>?>();
            foreach (var split in Splits)
            {
                var listPath = layout.ListPath(medium, split);
                lists[split] = File.Exists(listPath) ? ScanList(listPath, classCount, report) : null;
                if (lists[split] is null) report.Add(DatasetProblemKind.MissingListFile, "list file not found", listPath);
                else CheckEntries(layout.Root, listPath, medium, mediaFolder, lists[split]!, classes, onDisk[medium], referenced, folderLabels, report);
            }
            var trainList = lists["train"];
            var testList = lists["test"];
            if (trainList is not null && testList is not null) CheckOverlap(layout, medium, trainList, testList, report);

            var testLabelPath = layout.TestLabelPath(medium);
            var testLabels = File.Exists(testLabelPath) ? ScanLabels(testLabelPath, classCount, report) : null;
            if (testLabels is null) report.Add(DatasetProblemKind.MissingListFile, "label file not found", testLabelPath);

            int? testItems = null;
            IReadOnlyList<int>? testItemLabels = null;
            if (testList is not null)
            {
                testItemLabels = medium == Medium.Video
                    ? GroupVideos(layout.ListPath(medium, "test"), testList, expected?.FramesPerVideo, report)
                    : testList.Select(e => e.Label).ToArray();
                testItems = testItemLabels.Count;
                if (testLabels is not null) CompareTestLabels(testLabelPath, testLabels, testItemLabels, medium, report);
            }
            if (manifest is not null && expected is not null)
            {
                CompareWithOfficial(layout, manifest, medium, testList, testLabels, report);
                if (testItems is { } n && n != expected.TestItems)
                    report.Add(DatasetProblemKind.CountMismatch,
                        $"{medium.FolderName()} test split has {n:N0} {(medium == Medium.Video ? "videos" : "items")}, the manifest expects {expected.TestItems:N0}",
                        layout.ListPath(medium, "test"));
            }
            report.Media.Add(new MediumCheckSummary(medium, trainList?.Count, testList?.Count, testItems, expected?.TestItems, onDisk[medium].Count));
        }

        if (classes is null) CheckFolderConsistency(folderLabels, report);
        if (options.ReportExtraFiles)
            foreach (var (medium, files) in onDisk)
                foreach (var file in files.Where(f => !referenced.Contains(f)).Order(StringComparer.Ordinal))
                    report.Add(DatasetProblemKind.ExtraFile, $"in no {medium.FolderName()} list", file);
        if (options.VerifyDecode) VerifyDecode(layout.Root, media, onDisk, referenced, options, report);
        return report;
    }

    private static (ClassTable? Classes, string Source) ClassesFor(DatasetLayout layout, FgxManifest? manifest)
    {
        if (manifest is not null) return (manifest.Classes, $"{manifest.Classes.Count} classes from {manifest.Classes.Source}");
        var classesTxt = Path.Combine(layout.Root, ClassListFile.FileName);
        if (File.Exists(classesTxt))
        {
            var table = ClassTable.ReadClassesTxt(classesTxt);
            return (table, $"{table.Count} classes from {classesTxt}");
        }
        return (null, "no class table (no manifest, no classes.txt): each class folder's labels are checked for agreement");
    }

    /// <summary>Relative paths ('/'-separated) of the files under a folder of the root; hidden files are skipped.</summary>
    private static HashSet<string> FilesUnder(string root, string relativeFolder)
    {
        var folder = Path.Combine(root, relativeFolder);
        var files = new HashSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) return files;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        foreach (var file in Directory.EnumerateFiles(folder, "*", options))
            files.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        return files;
    }

    /// <summary>Reads a list leniently: every malformed line is reported; the well-formed entries are returned.</summary>
    private static List<ListEntry> ScanList(string path, int? classCount, DatasetCheckReport report)
    {
        var entries = new List<ListEntry>();
        foreach (var line in ListFile.Scan(path, classCount))
        {
            if (line.Entry is { } entry) entries.Add(entry);
            else report.Add(KindOf(line.Problem!.Kind), line.Problem.Message, path, line.Line);
        }
        return entries;
    }

    private static DatasetProblemKind KindOf(ListLineProblemKind kind) => kind switch
    {
        ListLineProblemKind.WrongFieldCount => DatasetProblemKind.WrongFieldCount,
        ListLineProblemKind.NonIntegerLabel => DatasetProblemKind.NonIntegerLabel,
        ListLineProblemKind.LabelOutOfRange => DatasetProblemKind.LabelOutOfRange,
        _ => DatasetProblemKind.PathEscapesRoot,
    };

    private static List<(int Label, int Line)> ScanLabels(string path, int? classCount, DatasetCheckReport report)
    {
        var labels = new List<(int, int)>();
        int line = 0;
        foreach (var raw in File.ReadLines(path))
        {
            line++;
            var text = raw.Trim();
            if (text.Length == 0) continue;
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var label))
                report.Add(DatasetProblemKind.NonIntegerLabel, $"label '{LabelFile.Shorten(text)}' is not an integer", path, line);
            else if (label < 0 || label >= (classCount ?? int.MaxValue))
                report.Add(DatasetProblemKind.LabelOutOfRange, $"label {label} is out of range", path, line);
            else
                labels.Add((label, line));
        }
        return labels;
    }

    private static void CheckEntries(string root, string listPath, Medium medium, string mediaFolder, List<ListEntry> entries,
        ClassTable? classes, HashSet<string> onDisk, HashSet<string> referenced,
        Dictionary<string, List<(int, string, int)>> folderLabels, DatasetCheckReport report)
    {
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        int classSegment = mediaFolder.Count(c => c == '/') + 1;
        foreach (var e in entries)
        {
            if (!lineOf.TryAdd(e.RelativePath, e.Line))
                report.Add(DatasetProblemKind.DuplicateEntry, $"'{e.RelativePath}' is listed again (first on line {lineOf[e.RelativePath]})", listPath, e.Line);
            referenced.Add(e.RelativePath);

            bool exists = e.RelativePath.StartsWith(mediaFolder + "/", StringComparison.Ordinal)
                ? onDisk.Contains(e.RelativePath)
                : File.Exists(Path.Combine(root, e.RelativePath));
            if (!exists) report.Add(DatasetProblemKind.MissingFile, $"'{e.RelativePath}' not found", listPath, e.Line);

            var segments = e.RelativePath.Split('/');
            if (!e.RelativePath.StartsWith(mediaFolder + "/", StringComparison.Ordinal) || segments.Length <= classSegment + 1)
            {
                report.Add(DatasetProblemKind.PathOutsideMediaFolder,
                    $"'{e.RelativePath}' is not inside a class folder of {mediaFolder}/ ({mediaFolder}/<class>/...)", listPath, e.Line);
                continue;
            }
            var folder = segments[classSegment];
            if (classes is null)
            {
                var key = $"{medium.FolderName()}:{folder}";
                if (!folderLabels.TryGetValue(key, out var list)) folderLabels[key] = list = [];
                list.Add((e.Label, listPath, e.Line));
            }
            else if (classes.LabelOfFolder(folder) is not { } expected)
            {
                report.Add(DatasetProblemKind.UnknownClassFolder, $"class folder '{folder}' is not in the class table", listPath, e.Line);
            }
            else if (expected != e.Label)
            {
                report.Add(DatasetProblemKind.Mislabelled,
                    $"label {e.Label} ({classes.Classes[e.Label].DisplayName}), but folder '{folder}' is class {expected} ({classes.Classes[expected].DisplayName})",
                    listPath, e.Line);
            }
        }
    }

    /// <summary>Without a class table: within a class folder, the entries whose label is not the folder's most common one.</summary>
    private static void CheckFolderConsistency(Dictionary<string, List<(int Label, string File, int Line)>> folderLabels, DatasetCheckReport report)
    {
        foreach (var (key, entries) in folderLabels.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var byLabel = entries.GroupBy(e => e.Label).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).ToArray();
            if (byLabel.Length < 2) continue;
            var folder = key[(key.IndexOf(':') + 1)..];
            foreach (var group in byLabel.Skip(1))
                foreach (var e in group)
                    report.Add(DatasetProblemKind.Mislabelled,
                        $"label {e.Label}, but {byLabel[0].Count()} entries of folder '{folder}' have label {byLabel[0].Key}", e.File, e.Line);
        }
    }

    private static void CheckOverlap(DatasetLayout layout, Medium medium, List<ListEntry> train, List<ListEntry> test, DatasetCheckReport report)
    {
        var trainLines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in train) trainLines.TryAdd(e.RelativePath, e.Line);
        foreach (var e in test)
            if (trainLines.TryGetValue(e.RelativePath, out var trainLine))
                report.Add(DatasetProblemKind.TrainTestOverlap, $"'{e.RelativePath}' is also in train.txt (line {trainLine})", layout.ListPath(medium, "test"), e.Line);
    }

    /// <summary>Groups a video frame list like <see cref="Loading.VideoGrouping"/>, reporting instead of throwing; returns the videos' labels.</summary>
    private static List<int> GroupVideos(string listPath, List<ListEntry> frames, int? framesPerVideo, DatasetCheckReport report)
    {
        var labels = new List<int>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        int start = 0;
        while (start < frames.Count)
        {
            var folder = Loading.VideoGrouping.FolderOf(frames[start].RelativePath);
            if (!firstLineOf.TryAdd(folder, frames[start].Line))
                report.Add(DatasetProblemKind.VideoGrouping,
                    $"frames of video folder '{folder}' are not consecutive (its earlier frames start at line {firstLineOf[folder]})", listPath, frames[start].Line);
            int end = start + 1;
            while (end < frames.Count && Loading.VideoGrouping.FolderOf(frames[end].RelativePath) == folder)
            {
                if (frames[end].Label != frames[start].Label)
                    report.Add(DatasetProblemKind.VideoGrouping,
                        $"frame label {frames[end].Label} differs from label {frames[start].Label} of the video's first frame (line {frames[start].Line})", listPath, frames[end].Line);
                end++;
            }
            if (framesPerVideo is { } expected && end - start != expected)
                report.Add(DatasetProblemKind.CountMismatch, $"video '{folder}' has {end - start} frames, {expected} expected per test video", listPath, frames[start].Line);
            labels.Add(frames[start].Label);
            start = end;
        }
        return labels;
    }

    private static void CompareTestLabels(string testLabelPath, List<(int Label, int Line)> testLabels, IReadOnlyList<int> itemLabels, Medium medium, DatasetCheckReport report)
    {
        string items = medium == Medium.Video ? "videos" : "entries";
        if (testLabels.Count != itemLabels.Count)
            report.Add(DatasetProblemKind.TestLabelMismatch, $"{testLabels.Count:N0} labels, but test.txt has {itemLabels.Count:N0} {items}", testLabelPath);
        for (int i = 0; i < Math.Min(testLabels.Count, itemLabels.Count); i++)
            if (testLabels[i].Label != itemLabels[i])
                report.Add(DatasetProblemKind.TestLabelMismatch,
                    $"label {testLabels[i].Label}, but test.txt's {Ordinal(i + 1)} {(medium == Medium.Video ? "video" : "entry")} has label {itemLabels[i]}", testLabelPath, testLabels[i].Line);
    }

    private static void CompareWithOfficial(DatasetLayout layout, FgxManifest manifest, Medium medium, List<ListEntry>? testList,
        List<(int Label, int Line)>? testLabels, DatasetCheckReport report)
    {
        var testPath = layout.ListPath(medium, "test");
        if (testList is not null && manifest.OfficialTestEntries(medium) is { } official)
        {
            if (testList.Count != official.Count)
                report.Add(DatasetProblemKind.OfficialListMismatch, $"{testList.Count:N0} entries, the official list has {official.Count:N0}", testPath);
            var officialByPath = new Dictionary<string, ListEntry>(StringComparer.Ordinal);
            foreach (var e in official) officialByPath.TryAdd(e.RelativePath, e);
            var ours = new HashSet<string>(testList.Select(e => e.RelativePath), StringComparer.Ordinal);
            bool sameSet = true;
            foreach (var e in testList)
            {
                if (!officialByPath.TryGetValue(e.RelativePath, out var o))
                {
                    sameSet = false;
                    report.Add(DatasetProblemKind.OfficialListMismatch, $"'{e.RelativePath}' is not in the official test list", testPath, e.Line);
                }
                else if (o.Label != e.Label)
                {
                    sameSet = false;
                    report.Add(DatasetProblemKind.OfficialListMismatch, $"'{e.RelativePath}' has label {e.Label}, the official list says {o.Label}", testPath, e.Line);
                }
            }
            foreach (var o in official.Where(o => !ours.Contains(o.RelativePath)))
            {
                sameSet = false;
                report.Add(DatasetProblemKind.OfficialListMismatch, $"official entry '{o.RelativePath} {o.Label}' (official line {o.Line}) is missing", testPath);
            }
            if (sameSet && testList.Count == official.Count)
            {
                int i = 0;
                while (i < official.Count && official[i].RelativePath == testList[i].RelativePath) i++;
                if (i < official.Count)
                    report.Add(DatasetProblemKind.OfficialListMismatch,
                        "same entries as the official list but in another order (features would not line up with the official labels)", testPath, testList[i].Line);
            }
        }
        if (testLabels is not null && manifest.OfficialTestLabels(medium) is { } officialLabels)
        {
            var path = layout.TestLabelPath(medium);
            if (testLabels.Count != officialLabels.Length)
                report.Add(DatasetProblemKind.OfficialListMismatch, $"{testLabels.Count:N0} labels, the official testlabel.txt has {officialLabels.Length:N0}", path);
            for (int i = 0; i < Math.Min(testLabels.Count, officialLabels.Length); i++)
                if (testLabels[i].Label != officialLabels[i])
                    report.Add(DatasetProblemKind.OfficialListMismatch, $"label {testLabels[i].Label}, the official testlabel.txt says {officialLabels[i]}", path, testLabels[i].Line);
        }
    }

    /// <summary>
    /// Decodes every listed image and reads every listed text that is on disk, in parallel, reporting those that cannot
    /// be used; records the count and the measured rate in the report.
    /// </summary>
    private static void VerifyDecode(string root, IReadOnlyList<Medium> media, Dictionary<Medium, HashSet<string>> onDisk,
        HashSet<string> referenced, DatasetCheckOptions options, DatasetCheckReport report)
    {
        var work = media.SelectMany(m => onDisk[m].Where(referenced.Contains).Select(f => (Medium: m, File: f)))
            .OrderBy(w => w.File, StringComparer.Ordinal).ToArray();
        var found = new ConcurrentBag<DatasetProblem>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var progress = ProgressMeter.Start(options.Progress, "decoding", work.Length);
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount }, item =>
        {
            var full = Path.Combine(root, item.File);
            try
            {
                if (item.Medium == Medium.Text)
                {
                    // The rule training and extraction apply; lower-cased, since the check does not know a run's text options.
                    if (Loading.TextFileReader.Problem(Loading.TextFileReader.Read(full, Loading.TextLineMode.WholeFile), lowercase: true) is { } problem)
                        found.Add(new DatasetProblem(DatasetProblemKind.UnreadableText, problem, item.File));
                }
                else
                {
                    using var image = Loading.ImageDecoder.Decode(full);
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                found.Add(new DatasetProblem(item.Medium == Medium.Text ? DatasetProblemKind.UnreadableText : DatasetProblemKind.UnreadableImage, e.Message, item.File));
            }
            progress.Advance();
        });
        progress.Finish();
        foreach (var p in found.OrderBy(p => p.File, StringComparer.Ordinal)) report.Add(p);
        report.Decoded = (work.Length, clock.Elapsed.TotalSeconds);
    }

    private static string Ordinal(int n) => n.ToString("N0", CultureInfo.InvariantCulture) + ((n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });
}
