using FgCrossNet.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// One training step's tensors, owned by the batch: dispose it (an enclosing dispose scope also works).
/// <list type="bullet">
/// <item><see cref="ImageLike"/>: float32 [M*B, 3, S, S], the image-like media present in stacking order (image,
/// audio, video: M = 3 with all four media), B rows each.</item>
/// <item><see cref="Text"/>: int64 [B, L] character indices (null without text).</item>
/// <item><see cref="Labels"/>: int64 [K*B], all K media present in stacking order image, text, audio, video.</item>
/// </list>
/// A network that stacks its text branch's image-like output between image and audio rows gets inputs whose rows line
/// up with <see cref="Labels"/>.
/// </summary>
public sealed class CrossMediaBatch : IDisposable
{
    internal CrossMediaBatch(CrossMediaStep step, int perMedium, IReadOnlyList<Medium> imageLikeMedia, Tensor? imageLike, Tensor? text, Tensor labels)
    {
        Step = step;
        PerMedium = perMedium;
        ImageLikeMedia = imageLikeMedia;
        ImageLike = imageLike;
        Text = text;
        Labels = labels;
    }

    public CrossMediaStep Step { get; }

    /// <summary>B.</summary>
    public int PerMedium { get; }

    /// <summary>All media of the batch, in stacking order (the order of <see cref="Labels"/>).</summary>
    public IReadOnlyList<Medium> Media => Step.Media;

    /// <summary>The media of <see cref="ImageLike"/>'s row blocks, in order.</summary>
    public IReadOnlyList<Medium> ImageLikeMedia { get; }

    public Tensor? ImageLike { get; }

    public Tensor? Text { get; }

    public Tensor Labels { get; }

    /// <summary>The B rows of one image-like medium: a view of <see cref="ImageLike"/> that the caller disposes.</summary>
    public Tensor ImageLikeOf(Medium medium)
    {
        int block = IndexIn(ImageLikeMedia, medium);
        return ImageLike!.narrow(0, (long)block * PerMedium, PerMedium);
    }

    /// <summary>The B labels of one medium: a view of <see cref="Labels"/> that the caller disposes.</summary>
    public Tensor LabelsOf(Medium medium) => Labels.narrow(0, (long)IndexIn(Media, medium) * PerMedium, PerMedium);

    public void Dispose()
    {
        ImageLike?.Dispose();
        Text?.Dispose();
        Labels.Dispose();
    }

    private static int IndexIn(IReadOnlyList<Medium> media, Medium medium)
    {
        for (int i = 0; i < media.Count; i++)
            if (media[i] == medium) return i;
        throw new ArgumentException($"the batch has no {medium.FolderName()} rows", nameof(medium));
    }

    internal static Tensor ToTensor(ReadOnlySpan<float> values, ReadOnlySpan<long> shape)
    {
        var tensor = empty(shape, ScalarType.Float32);
        using var accessor = tensor.data<float>();
        accessor.CopyFrom(values, 0, 0);
        return tensor;
    }

    internal static Tensor ToTensor(ReadOnlySpan<long> values, ReadOnlySpan<long> shape)
    {
        var tensor = empty(shape, ScalarType.Int64);
        using var accessor = tensor.data<long>();
        accessor.CopyFrom(values, 0, 0);
        return tensor;
    }
}
