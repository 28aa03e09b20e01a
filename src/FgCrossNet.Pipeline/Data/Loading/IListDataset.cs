using FgCrossNet.Core;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// Items of one medium read through a list file. Items are prepared into caller-owned buffers (no tensors), so that
/// worker threads can prepare them and the consumer alone creates (and owns) tensors.
/// </summary>
public interface IListDataset
{
    Medium Medium { get; }

    /// <summary>The list file the items come from (named in error messages).</summary>
    string ListPath { get; }

    int Count { get; }

    /// <summary>The list entry of item <paramref name="index"/> (for a video clip: its first frame).</summary>
    ListEntry Entry(int index);

    /// <summary>0-based class label of item <paramref name="index"/>.</summary>
    int Label(int index);

    /// <summary>Shape of one prepared item, e.g. [3, 448, 448] or [448].</summary>
    IReadOnlyList<long> ItemShape { get; }

    /// <summary>Number of values of one prepared item (product of <see cref="ItemShape"/>).</summary>
    int ItemLength { get; }
}

/// <summary>A dataset whose items are arrays of <typeparamref name="T"/> (float for image-like media, long for text).</summary>
public interface IListDataset<T> : IListDataset where T : unmanaged
{
    /// <summary>
    /// Prepares item <paramref name="index"/> into <paramref name="destination"/> (<see cref="IListDataset.ItemLength"/>
    /// values). <paramref name="random"/> drives training augmentation; null means none (evaluation). Thread-safe.
    /// Unreadable items throw <see cref="FgCrossNet.IO.InvalidInputException"/> naming the list file, line and path.
    /// </summary>
    void Prepare(int index, Random? random, Span<T> destination);
}
