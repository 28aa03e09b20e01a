using static TorchSharp.torch;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// Stacks items of one dataset into a tensor [n, ..ItemShape] owned by the caller, preparing them in parallel: the
/// simple path for evaluation and feature extraction, in list order, without augmentation.
/// </summary>
public static class DatasetBatches
{
    /// <summary>Image-like items as float32 [n, ..ItemShape].</summary>
    public static Tensor Load(IListDataset<float> dataset, IReadOnlyList<int> indices, int? threads = null)
    {
        var values = Prepare(dataset, indices, threads);
        return CrossMediaBatch.ToTensor(values, [indices.Count, .. dataset.ItemShape]);
    }

    /// <summary>Text items as int64 [n, L].</summary>
    public static Tensor Load(IListDataset<long> dataset, IReadOnlyList<int> indices, int? threads = null)
    {
        var values = Prepare(dataset, indices, threads);
        return CrossMediaBatch.ToTensor(values, [indices.Count, .. dataset.ItemShape]);
    }

    /// <summary>Items [start, start + count) in list order.</summary>
    public static IReadOnlyList<int> Range(int start, int count) => Enumerable.Range(start, count).ToArray();

    private static T[] Prepare<T>(IListDataset<T> dataset, IReadOnlyList<int> indices, int? threads) where T : unmanaged
    {
        int length = dataset.ItemLength;
        var values = new T[indices.Count * length];
        try
        {
            Parallel.For(0, indices.Count, new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount },
                i => dataset.Prepare(indices[i], null, values.AsSpan(i * length, length)));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Report the first failing item, as the sequential path would.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return values;
    }
}
