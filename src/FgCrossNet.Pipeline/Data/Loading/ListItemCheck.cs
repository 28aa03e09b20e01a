using System.Collections.Concurrent;
using FgCrossNet.IO;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// Prepares every item of some list datasets once, in parallel, to find the items that cannot
/// be read (undecodable or over-limit images, unusable texts, files gone since the lists were read) before work depends
/// on them. Image datasets with a <see cref="ResizedImageCache"/> keep what they resize, so a first epoch reuses it.
/// </summary>
public static class ListItemCheck
{
    /// <summary>The unreadable items of <paramref name="datasets"/>, in dataset then list order.</summary>
    /// <param name="datasets">The datasets to check.</param>
    /// <param name="threads">Items prepared at once (default: all cores).</param>
    /// <param name="progress">Called as items are done: (items done, items in all), from worker threads.</param>
    public static IReadOnlyList<UnreadableItem> Run(IReadOnlyList<IListDataset> datasets, int? threads = null, Action<int, int>? progress = null)
    {
        var work = datasets.SelectMany((d, position) => Enumerable.Range(0, d.Count).Select(i => (Position: position, Index: i))).ToArray();
        var found = new ConcurrentBag<(int Position, UnreadableItem Item)>();
        int done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount };
        Parallel.ForEach(Partitioner.Create(0, work.Length, Math.Max(1, Math.Min(64, work.Length / (4 * Environment.ProcessorCount + 1)))), options, range =>
        {
            float[]? floats = null;
            long[]? longs = null;
            // Training datasets augment and need a generator; which crop is drawn does not matter here.
            var random = new Random(range.Item1);
            for (int w = range.Item1; w < range.Item2; w++)
            {
                var (position, index) = work[w];
                var dataset = datasets[position];
                try
                {
                    switch (dataset)
                    {
                        case IListDataset<float> images:
                            if (floats is null || floats.Length < images.ItemLength) floats = new float[images.ItemLength];
                            images.Prepare(index, random, floats.AsSpan(0, images.ItemLength));
                            break;
                        case IListDataset<long> texts:
                            if (longs is null || longs.Length < texts.ItemLength) longs = new long[texts.ItemLength];
                            texts.Prepare(index, random, longs.AsSpan(0, texts.ItemLength));
                            break;
                        default:
                            throw new ArgumentException($"cannot prepare items of {dataset.GetType().Name}", nameof(datasets));
                    }
                }
                catch (InvalidInputException e)
                {
                    found.Add((position, new UnreadableItem(dataset, index, e)));
                }
                progress?.Invoke(Interlocked.Increment(ref done), work.Length);
            }
        });
        return [.. found.OrderBy(f => f.Position).ThenBy(f => f.Item.Index).Select(f => f.Item)];
    }
}
