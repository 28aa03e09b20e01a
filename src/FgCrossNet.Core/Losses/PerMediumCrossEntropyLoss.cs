using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Core.Losses;

/// <summary>
/// The classification loss of FGCrossNet: softmax cross-entropy averaged over each medium's rows, summed over the media.
/// For a batch whose rows stack the media one after another (medium m occupying the rows
/// <c>o_m .. o_m + n_m − 1</c>, with <c>o_m = n_0 + … + n_(m−1)</c>):
/// <c>L = Σ_m (1/n_m) Σ_(i in medium m) −log softmax(z_i)[y_i]</c>.
/// In training it enters the total loss with weight 1 (total = CE + 0.001·center, + 0.1·ranking in stage 2).
/// </summary>
public sealed class PerMediumCrossEntropyLoss
{
    private readonly long[] _rowsPerMedium;

    /// <summary>Equal media: <paramref name="mediaCount"/> media (FGCrossNet: 4, image, text, audio, video) of <paramref name="itemsPerMedium"/> rows each.</summary>
    public PerMediumCrossEntropyLoss(int mediaCount, int itemsPerMedium)
        : this(EqualMedia(mediaCount, itemsPerMedium))
    {
    }

    /// <summary>Media of possibly different sizes, in the order they are stacked in the batch.</summary>
    public PerMediumCrossEntropyLoss(IReadOnlyList<long> rowsPerMedium)
    {
        ArgumentNullException.ThrowIfNull(rowsPerMedium);
        if (rowsPerMedium.Count == 0)
            throw new ArgumentException("At least one medium is needed.", nameof(rowsPerMedium));
        if (rowsPerMedium.Any(n => n <= 0))
            throw new ArgumentException("Every medium needs at least one row (an empty medium has no mean).", nameof(rowsPerMedium));
        _rowsPerMedium = rowsPerMedium.ToArray();
    }

    private static long[] EqualMedia(int mediaCount, int itemsPerMedium)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mediaCount, 1);
        return Enumerable.Repeat((long)itemsPerMedium, mediaCount).ToArray();
    }

    /// <summary>The loss (a scalar) for <paramref name="logits"/> [N, classes] and int64 <paramref name="labels"/> [N], N = Σ rows per medium.</summary>
    public Tensor Compute(Tensor logits, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        var totalRows = _rowsPerMedium.Sum();
        if (logits.dim() != 2 || logits.shape[0] != totalRows)
            throw new ArgumentException($"Expected logits [{totalRows}, classes], got [{string.Join(", ", logits.shape)}].", nameof(logits));
        if (labels.dim() != 1 || labels.shape[0] != totalRows)
            throw new ArgumentException($"Expected labels [{totalRows}], got [{string.Join(", ", labels.shape)}].", nameof(labels));

        using var scope = NewDisposeScope();
        Tensor? total = null;
        long offset = 0;
        foreach (var rows in _rowsPerMedium)
        {
            var mediumLoss = nn.functional.cross_entropy(logits.narrow(0, offset, rows), labels.narrow(0, offset, rows));
            total = total is null ? mediumLoss : total + mediumLoss;
            offset += rows;
        }
        return total!.MoveToOuterDisposeScope();
    }
}
