using System.Buffers;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// A batch prepared in plain (pooled) arrays by a worker; the consumer turns it into tensors with
/// <see cref="ToBatch"/>, which also returns the arrays to the pool.
/// </summary>
internal sealed class PreparedBatch
{
    private float[]? _imageLike;
    private long[]? _text;

    public PreparedBatch(CrossMediaStep step, int perMedium, IReadOnlyList<FgCrossNet.Core.Medium> imageLikeMedia,
        IReadOnlyList<long> imageItemShape, int imageItemLength, int textLength)
    {
        Step = step;
        PerMedium = perMedium;
        ImageLikeMedia = imageLikeMedia;
        ImageItemShape = imageItemShape;
        ImageLength = imageLikeMedia.Count * perMedium * imageItemLength;
        TextLength = textLength * perMedium;
        TextItemLength = textLength;
        _imageLike = ImageLength > 0 ? ArrayPool<float>.Shared.Rent(ImageLength) : null;
        _text = TextLength > 0 ? ArrayPool<long>.Shared.Rent(TextLength) : null;
        Labels = new long[step.Media.Count * perMedium];
    }

    public CrossMediaStep Step { get; }
    public int PerMedium { get; }
    public IReadOnlyList<FgCrossNet.Core.Medium> ImageLikeMedia { get; }
    public IReadOnlyList<long> ImageItemShape { get; }
    public int ImageLength { get; }
    public int TextLength { get; }
    public int TextItemLength { get; }
    public long[] Labels { get; }

    public Span<float> ImageLike => _imageLike.AsSpan(0, ImageLength);
    public Span<long> Text => _text.AsSpan(0, TextLength);

    public CrossMediaBatch ToBatch()
    {
        TorchSharp.torch.Tensor? imageLike = null, text = null;
        try
        {
            if (ImageLength > 0) imageLike = CrossMediaBatch.ToTensor(ImageLike, [ImageLikeMedia.Count * PerMedium, .. ImageItemShape]);
            if (TextLength > 0) text = CrossMediaBatch.ToTensor(Text, [PerMedium, TextItemLength]);
            var labels = CrossMediaBatch.ToTensor(Labels, [Labels.Length]);
            return new CrossMediaBatch(Step, PerMedium, ImageLikeMedia, imageLike, text, labels);
        }
        catch
        {
            imageLike?.Dispose();
            text?.Dispose();
            throw;
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Returns the arrays to the pool (idempotent).</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _imageLike, null) is { } images) ArrayPool<float>.Shared.Return(images);
        if (Interlocked.Exchange(ref _text, null) is { } text) ArrayPool<long>.Shared.Return(text);
    }
}
