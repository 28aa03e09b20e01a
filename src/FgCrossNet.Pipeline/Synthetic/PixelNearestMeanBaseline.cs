using System.Runtime.ExceptionServices;
using FgCrossNet.Core;
using FgCrossNet.Data;
using FgCrossNet.IO;
using SkiaSharp;

namespace FgCrossNet.Synthetic;

/// <summary>
/// A sanity baseline for an image-like medium of a dataset root: every image shrunk to <c>side x side</c> RGB pixels
/// (values 0..1), one mean vector per class over the train list, and each test image given the class of the nearest
/// mean (Euclidean). A fine-grained dataset should defeat it (far from perfect) while staying above chance.
/// </summary>
public static class PixelNearestMeanBaseline
{
    /// <summary>Share of test items classified correctly, in [0, 1].</summary>
    public static double Accuracy(string root, Medium medium = Medium.Image, int side = 16, int? threads = null)
    {
        var layout = new DatasetLayout(root);
        var trainList = layout.ListPath(medium, "train");
        var testList = layout.ListPath(medium, "test");
        var train = ListFile.Read(trainList);
        var test = ListFile.Read(testList);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount };
        var trainVectors = new float[train.Count][];
        var testVectors = new float[test.Count][];
        try
        {
            Parallel.For(0, train.Count, parallel, i => trainVectors[i] = Pixels(ListFile.Resolve(root, train[i], trainList), side));
            Parallel.For(0, test.Count, parallel, i => testVectors[i] = Pixels(ListFile.Resolve(root, test[i], testList), side));
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<InvalidInputException>().FirstOrDefault() is { } first)
        {
            ExceptionDispatchInfo.Throw(first);
        }

        int classes = train.Concat(test).Max(e => e.Label) + 1, dimension = 3 * side * side;
        var means = new double[classes, dimension];
        var counts = new int[classes];
        for (int i = 0; i < train.Count; i++)
        {
            counts[train[i].Label]++;
            for (int d = 0; d < dimension; d++) means[train[i].Label, d] += trainVectors[i][d];
        }
        for (int c = 0; c < classes; c++)
            for (int d = 0; d < dimension; d++) means[c, d] /= Math.Max(1, counts[c]);

        int correct = 0;
        for (int i = 0; i < test.Count; i++)
        {
            int best = -1;
            double bestDistance = double.PositiveInfinity;
            for (int c = 0; c < classes; c++)
            {
                if (counts[c] == 0) continue;
                double distance = 0;
                for (int d = 0; d < dimension; d++)
                {
                    double diff = testVectors[i][d] - means[c, d];
                    distance += diff * diff;
                }
                if (distance < bestDistance) (best, bestDistance) = (c, distance);
            }
            if (best == test[i].Label) correct++;
        }
        return (double)correct / test.Count;
    }

    private static float[] Pixels(string path, int side)
    {
        using var image = SKBitmap.Decode(path) ?? throw new InvalidInputException(path, "not a decodable image");
        using var small = image.Resize(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Opaque), SKFilterQuality.Medium);
        var vector = new float[3 * side * side];
        int i = 0;
        foreach (var p in small.Pixels)
        {
            vector[i++] = p.Red / 255f;
            vector[i++] = p.Green / 255f;
            vector[i++] = p.Blue / 255f;
        }
        return vector;
    }
}
