using FgCrossNet.Core;
using FgCrossNet.IO;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// Yields training batches with B items of every medium per step (<see cref="CrossMediaBatch"/>), shuffled per
/// epoch by a <see cref="CrossMediaBatchSampler"/>. With <see cref="CrossMediaLoaderOptions.Workers"/> &gt; 0,
/// decoding and preprocessing run on background tasks that keep up to
/// <see cref="CrossMediaLoaderOptions.PrefetchDepth"/> batches ready while the consumer trains; batches still come
/// out in step order, and are identical to the synchronous path (augmentation randomness is derived from
/// seed, epoch, step, medium and slot, not from thread timing). Workers fill plain arrays; tensors are created on the
/// consumer's thread when a batch is handed out. An item that fails stops the epoch with an error naming its list
/// file, line and path (or is skipped, see <see cref="BadItemPolicy"/>). Stopping the enumeration early (break,
/// exception, cancellation) stops the workers.
/// </summary>
public sealed class CrossMediaLoader : IDisposable
{
    private readonly CrossMediaDatasets _datasets;
    private readonly IReadOnlyList<long> _imageItemShape;
    private readonly int _imageItemLength;
    private readonly int _textLength;
    private readonly CancellationTokenSource _disposed = new();

    public CrossMediaLoader(CrossMediaDatasets datasets, CrossMediaLoaderOptions options)
    {
        options.Validate();
        _datasets = datasets;
        Options = options;
        var media = datasets.Media;
        if (media.Count == 0) throw new ArgumentException("the loader needs at least one dataset");
        var imageLike = datasets.ImageLikeMedia.Select(datasets.ImageLike).ToArray();
        if (imageLike.Length > 0)
        {
            _imageItemShape = imageLike[0].ItemShape;
            _imageItemLength = imageLike[0].ItemLength;
            foreach (var d in imageLike)
                if (!d.ItemShape.SequenceEqual(_imageItemShape))
                    throw new ArgumentException($"{d.Medium.FolderName()} items have shape [{string.Join(", ", d.ItemShape)}], " +
                                                $"{imageLike[0].Medium.FolderName()} items [{string.Join(", ", _imageItemShape)}]: image-like media must match");
        }
        else
        {
            _imageItemShape = [];
        }
        _textLength = datasets.Text?.ItemLength ?? 0;
        Sampler = new CrossMediaBatchSampler(media, media.Select(m => datasets.Get(m)!.Count).ToArray(),
            options.PerMedium, options.Seed, options.Policy, options.StepsPerEpoch);
    }

    public CrossMediaLoaderOptions Options { get; }

    public CrossMediaBatchSampler Sampler { get; }

    public LoaderStatistics Statistics { get; } = new();

    /// <summary>Steps per epoch.</summary>
    public int StepsPerEpoch => Sampler.StepsPerEpoch;

    /// <summary>The batches of epoch <paramref name="epoch"/> (0-based), in step order. Dispose each batch.</summary>
    public IEnumerable<CrossMediaBatch> Epoch(int epoch, CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        var steps = Sampler.Epoch(epoch);
        return Options.Workers == 0 ? Synchronous(steps, cancellation) : Prefetched(steps, cancellation);
    }

    /// <summary>Prepares one step on the calling thread (the synchronous path).</summary>
    public CrossMediaBatch Load(CrossMediaStep step, CancellationToken cancellation = default) => Prepare(step, cancellation).ToBatch();

    public void Dispose()
    {
        if (!_disposed.IsCancellationRequested) _disposed.Cancel();
    }

    private IEnumerable<CrossMediaBatch> Synchronous(IReadOnlyList<CrossMediaStep> steps, CancellationToken cancellation)
    {
        foreach (var step in steps)
        {
            cancellation.ThrowIfCancellationRequested();
            yield return Prepare(step, cancellation).ToBatch();
        }
    }

    private IEnumerable<CrossMediaBatch> Prefetched(IReadOnlyList<CrossMediaStep> steps, CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _disposed.Token);
        using var slots = new SemaphoreSlim(Options.PrefetchDepth, Options.PrefetchDepth);
        var results = steps.Select(_ => new TaskCompletionSource<PreparedBatch>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        int claimed = -1;
        void Work()
        {
            while (true)
            {
                try
                {
                    slots.Wait(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                // Steps are claimed in order, so the one the consumer waits for is always claimed or claimable.
                int s = Interlocked.Increment(ref claimed);
                if (s >= steps.Count) return;
                try
                {
                    results[s].SetResult(Prepare(steps[s], stop.Token));
                }
                catch (Exception e)
                {
                    results[s].SetException(e);
                }
            }
        }
        var workers = Enumerable.Range(0, Options.Workers)
            .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        int consumed = 0;
        try
        {
            for (; consumed < steps.Count; consumed++)
            {
                var task = results[consumed].Task;
                Task.WaitAny([task], stop.Token);
                var prepared = task.GetAwaiter().GetResult(); // rethrows the worker's exception as it was
                slots.Release();
                yield return prepared.ToBatch();
            }
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll(workers); // workers never throw; they finish their current batch and stop
            for (int s = consumed; s < results.Length; s++)
                if (results[s].Task.IsCompletedSuccessfully) results[s].Task.Result.Release();
        }
    }

    private PreparedBatch Prepare(CrossMediaStep step, CancellationToken cancellation)
    {
        int perMedium = Options.PerMedium;
        var prepared = new PreparedBatch(step, perMedium, _datasets.ImageLikeMedia, _imageItemShape, _imageItemLength, _textLength);
        try
        {
            int imageBlock = 0;
            for (int m = 0; m < step.Media.Count; m++)
            {
                var medium = step.Media[m];
                for (int slot = 0; slot < perMedium; slot++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    int used;
                    if (medium == Medium.Text)
                    {
                        used = PrepareItem(_datasets.Text!, step, medium, slot, prepared.Text.Slice(slot * _textLength, _textLength));
                    }
                    else
                    {
                        int offset = (imageBlock * perMedium + slot) * _imageItemLength;
                        used = PrepareItem(_datasets.ImageLike(medium), step, medium, slot, prepared.ImageLike.Slice(offset, _imageItemLength));
                    }
                    prepared.Labels[m * perMedium + slot] = _datasets.Get(medium)!.Label(used);
                }
                if (medium != Medium.Text) imageBlock++;
            }
            return prepared;
        }
        catch
        {
            prepared.Release();
            throw;
        }
    }

    /// <summary>Prepares the step's item for (medium, slot), or under SkipAndCount a substitute; returns the index used.</summary>
    private int PrepareItem<T>(IListDataset<T> dataset, CrossMediaStep step, Medium medium, int slot, Span<T> destination) where T : unmanaged
    {
        int index = step.IndicesOf(medium)[slot];
        if (Options.BadItems == BadItemPolicy.FailFast)
        {
            dataset.Prepare(index, SeedSequence.Random(Options.Seed, step.Epoch, step.Step, (int)medium, slot), destination);
            return index;
        }
        int tried = 0;
        for (int k = 0; k < dataset.Count; k++)
        {
            int candidate = (index + k) % dataset.Count;
            if (Statistics.IsBad(medium, candidate)) continue;
            try
            {
                // The same seed for every attempt keeps the result independent of which bad items are known already.
                dataset.Prepare(candidate, SeedSequence.Random(Options.Seed, step.Epoch, step.Step, (int)medium, slot), destination);
                return candidate;
            }
            catch (InvalidInputException e)
            {
                Statistics.MarkBad(medium, candidate, e.Message);
                if (++tried >= Options.MaxSubstitutes)
                    throw new InvalidInputException(dataset.ListPath, e.Line,
                        $"{tried} {medium.FolderName()} items in a row could not be read (last: {e.Problem}); giving up");
            }
        }
        throw new InvalidInputException(dataset.ListPath, $"no readable {medium.FolderName()} item is left");
    }
}
