using System.Globalization;
using FgCrossNet.Core;
using FgCrossNet.Data.Loading;
using FgCrossNet.Data;
using SkiaSharp;

namespace FgCrossNet.Synthetic;

/// <summary>
/// Writes a small dataset root in the FG-XMedia layout (<see cref="DatasetLayout"/>) for loader tests and the data
/// loading benchmark: JPEG photos and video frames with shapes and noise (so decoding costs what real photos cost),
/// PNG spectrogram-like images, short texts, train/test lists, testlabel.txt files and classes.txt.
/// </summary>
internal static class FixtureRootWriter
{
    public sealed record Options
    {
        public int Classes { get; init; } = 3;
        public int ImagesPerClass { get; init; } = 4;
        public int TextsPerClass { get; init; } = 3;
        public int AudioPerClass { get; init; } = 4;
        public int VideosPerClass { get; init; } = 2;
        public int FramesPerVideo { get; init; } = 3;
        /// <summary>Photo size (CUB photos are about 500 x 375).</summary>
        public int ImageWidth { get; init; } = 500;
        public int ImageHeight { get; init; } = 375;
        public int SpectrogramWidth { get; init; } = 300;
        public int SpectrogramHeight { get; init; } = 200;
        public int FrameWidth { get; init; } = 320;
        public int FrameHeight { get; init; } = 240;
        /// <summary>Items of each class that go to the test list (the rest to train).</summary>
        public int TestPerClass { get; init; } = 1;
        public int Seed { get; init; }
    }

    private static readonly string[] Birds =
    [
        "Black_footed_Albatross", "Laysan_Albatross", "Sooty_Albatross", "Groove_billed_Ani", "Crested_Auklet", "Least_Auklet",
        "Parakeet_Auklet", "Rhinoceros_Auklet", "Brewer_Blackbird", "Red_winged_Blackbird", "Rusty_Blackbird", "Yellow_headed_Blackbird",
    ];

    /// <summary>The image folder name of class <paramref name="label"/>, e.g. <c>001.Black_footed_Albatross</c>.</summary>
    public static string ClassFolder(int label) =>
        $"{label + 1:000}.{(label < Birds.Length ? Birds[label] : $"Bird_{label + 1}")}";

    public static void Write(string root, Options options)
    {
        var random = new Random(options.Seed);
        var lists = Media.All.ToDictionary(m => m, _ => (Train: new List<ListEntry>(), Test: new List<ListEntry>()));
        var folders = Enumerable.Range(0, options.Classes).Select(ClassFolder).ToArray();
        ClassListFile.Write(Path.Combine(root, ClassListFile.FileName), folders);
        for (int c = 0; c < options.Classes; c++)
        {
            var bare = ClassListFile.BareName(folders[c]);
            for (int i = 0; i < options.ImagesPerClass; i++)
            {
                var rel = $"image/{folders[c]}/{bare}_{i:0000}.jpg";
                WriteImage(Path.Combine(root, rel), options.ImageWidth, options.ImageHeight, random, SKEncodedImageFormat.Jpeg);
                Add(lists[Medium.Image], i, options.TestPerClass, new ListEntry(rel, c));
            }
            for (int i = 0; i < options.TextsPerClass; i++)
            {
                var rel = $"text/{bare}/{bare}_{i}.txt";
                WriteText(Path.Combine(root, rel), bare, random);
                Add(lists[Medium.Text], i, options.TestPerClass, new ListEntry(rel, c));
            }
            for (int i = 0; i < options.AudioPerClass; i++)
            {
                var rel = $"audio/audioimg/{bare}/{i}_{random.Next(100)}.png";
                WriteImage(Path.Combine(root, rel), options.SpectrogramWidth, options.SpectrogramHeight, random, SKEncodedImageFormat.Png);
                Add(lists[Medium.Audio], i, options.TestPerClass, new ListEntry(rel, c));
            }
            for (int v = 0; v < options.VideosPerClass; v++)
            {
                for (int f = 0; f < options.FramesPerVideo; f++)
                {
                    var rel = $"video/{bare}/{bare}_v{v}/{f:0000}.jpg";
                    WriteImage(Path.Combine(root, rel), options.FrameWidth, options.FrameHeight, random, SKEncodedImageFormat.Jpeg);
                    Add(lists[Medium.Video], v, options.TestPerClass, new ListEntry(rel, c));
                }
            }
        }
        var layout = new DatasetLayout(root);
        foreach (var (medium, (train, test)) in lists)
        {
            ListFile.Write(layout.ListPath(medium, "train"), train);
            ListFile.Write(layout.ListPath(medium, "test"), test);
            var testLabels = medium == Medium.Video
                ? VideoGrouping.Group(test, layout.ListPath(medium, "test")).Select(v => v.Label)
                : test.Select(e => e.Label);
            FgCrossNet.IO.LabelFile.Write(layout.TestLabelPath(medium), testLabels);
        }
    }

    private static void Add((List<ListEntry> Train, List<ListEntry> Test) lists, int index, int testPerClass, ListEntry entry) =>
        (index < testPerClass ? lists.Test : lists.Train).Add(entry);

    private static void WriteImage(string path, int width, int height, Random random, SKEncodedImageFormat format)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            using var paint = new SKPaint { IsAntialias = true };
            for (int i = 0; i < 12; i++)
            {
                paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(5, Math.Max(6, width / 4)), paint);
            }
        }
        // Noise, so the encoded size and decoding cost are those of a photo rather than of flat colour.
        var pixels = bitmap.GetPixelSpan();
        unsafe
        {
            var p = (byte*)bitmap.GetPixels();
            for (int i = 0; i < pixels.Length; i += 4)
                for (int c = 0; c < 3; c++)
                    p[i + c] = (byte)Math.Clamp(p[i + c] + random.Next(-20, 21), 0, 255);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private static void WriteText(string path, string bird, Random random)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string[] parts = ["this bird has a", "wings that are", "a short bill,", "and a white belly.", "the crown is", "brown", "grey", "with spots;", "it sings!"];
        var words = Enumerable.Range(0, 40).Select(_ => parts[random.Next(parts.Length)]);
        File.WriteAllText(path, $"{bird.Replace('_', ' ')}\n{string.Join(' ', words)} {random.Next(1000).ToString(CultureInfo.InvariantCulture)}\n");
    }
}
