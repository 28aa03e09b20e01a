using System.Text.Json;
using FgCrossNet.Core;
using FgCrossNet.IO;

namespace FgCrossNet.Data.Manifests;

/// <summary>
/// Builds the "fg-xmedia" manifest folder from the official test lists (a folder with <c>image/</c>, <c>text/</c>,
/// <c>audio/</c> each holding <c>test.txt</c> and <c>testlabel.txt</c>, and <c>video/testlabel.txt</c>): the class
/// table is read off the list paths, the lists are copied byte for byte under <c>list/&lt;medium&gt;/</c>, and
/// <c>manifest.json</c> records the counts. The README is written by hand.
/// </summary>
public static class ManifestBuilder
{
    public const string Name = "fg-xmedia";

    /// <summary>Frames per test video in FG-XMedia (the frame list itself was not published).</summary>
    public const int FramesPerVideo = 25;

    /// <summary>
    /// Builds the manifest into <paramref name="outputFolder"/> and returns it loaded. <paramref name="classCount"/> and
    /// <paramref name="framesPerVideo"/> default to FG-XMedia's (other values serve small test datasets).
    /// </summary>
    public static FgxManifest Build(string officialListsFolder, string outputFolder, int classCount = 200, int framesPerVideo = FramesPerVideo)
    {
        string Source(Medium m, string file) => Path.Combine(officialListsFolder, m.FolderName(), file);
        var tests = new Dictionary<Medium, IReadOnlyList<ListEntry>>();
        foreach (var m in new[] { Medium.Image, Medium.Text, Medium.Audio })
            tests[m] = ListFile.Read(Source(m, "test.txt"), classCount);
        var videoLabels = LabelFile.Read(Source(Medium.Video, "testlabel.txt"));

        var classes = new ClassInfo[classCount];
        var folders = new Dictionary<Medium, string?[]>();
        foreach (var (m, entries) in tests)
        {
            var names = new string?[classCount];
            int segment = ManifestMedium.ClassFolderSegment(m);
            foreach (var e in entries)
            {
                var folder = e.RelativePath.Split('/')[segment];
                if (names[e.Label] is { } known && known != folder)
                    throw new InvalidInputException(Source(m, "test.txt"), e.Line, $"class {e.Label} appears under folders '{known}' and '{folder}'");
                names[e.Label] = folder;
            }
            folders[m] = names;
        }
        for (int id = 0; id < classCount; id++)
        {
            var image = folders[Medium.Image][id] ?? throw new InvalidInputException(Source(Medium.Image, "test.txt"), $"class {id} has no test image");
            var text = folders[Medium.Text][id] ?? throw new InvalidInputException(Source(Medium.Text, "test.txt"), $"class {id} has no test text");
            var audio = folders[Medium.Audio][id] ?? throw new InvalidInputException(Source(Medium.Audio, "test.txt"), $"class {id} has no test recording");
            classes[id] = new ClassInfo(id, image, text, audio, ClassTable.DisplayNameOf(image));
        }
        var table = new ClassTable(classes, Path.Combine(officialListsFolder, "(test lists)"));

        Directory.CreateDirectory(outputFolder);
        table.WriteTsv(Path.Combine(outputFolder, "classes.tsv"));
        var media = new List<ManifestMedium>();
        foreach (var m in Media.All)
        {
            string? testList = null;
            if (m != Medium.Video)
            {
                testList = $"list/{m.FolderName()}/test.txt";
                CopyExactly(Source(m, "test.txt"), Path.Combine(outputFolder, testList));
            }
            var testLabels = $"list/{m.FolderName()}/testlabel.txt";
            CopyExactly(Source(m, "testlabel.txt"), Path.Combine(outputFolder, testLabels));
            media.Add(new ManifestMedium(
                m,
                DatasetLayout.MediaFolder(m),
                PathPatternOf(m),
                m == Medium.Video ? videoLabels.Length : tests[m].Count,
                m == Medium.Video ? framesPerVideo : null,
                ManifestMedium.StandardListFiles(m),
                testList,
                testLabels));
        }
        var file = new FgxManifest.ManifestFile(
            Name,
            "PKU FG-XMedia: fine-grained cross-media retrieval benchmark, 200 bird classes (CUB-200-2011 order), image, text, audio, video",
            classCount,
            "classes.tsv",
            media,
            [
                "list/<medium>/train.txt, list/<medium>/test.txt: '<relative/path> <label>' per line, labels 0-based",
                "list/<medium>/testlabel.txt: the test labels, one per line (video: one per test video)",
                "image/<NNN.Class_Name>/<file>.jpg",
                "text/<Class_Name>/<Class_Name>_<k>.txt",
                "audio/audioimg/<Class_Name>/<file>.png (spectrogram images; 10 classes spell Class_Name differently, see classes.tsv)",
                "video/<class folder>/<video folder>/<frame>.jpg (25 consecutive frames per test video; layout inferred, the frame list was not published)",
            ]);
        AtomicFile.WriteAllText(Path.Combine(outputFolder, FgxManifest.FileName), JsonSerializer.Serialize(file, FgxManifest.Json) + "\n");
        return FgxManifest.Load(outputFolder);
    }

    private static string PathPatternOf(Medium medium) => medium switch
    {
        Medium.Image => "image/<NNN.Class_Name>/<file>.jpg",
        Medium.Text => "text/<Class_Name>/<Class_Name>_<k>.txt",
        Medium.Audio => "audio/audioimg/<Class_Name>/<file>.png",
        _ => "video/<class folder>/<video folder>/<frame>.jpg",
    };

    private static void CopyExactly(string source, string target)
    {
        var bytes = File.ReadAllBytes(source);
        AtomicFile.Write(target, s => s.Write(bytes));
    }
}
