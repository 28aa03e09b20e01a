using System.Collections.Concurrent;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// Keeps resized images (Scale x Scale packed RGB bytes, before the crop) of one dataset in memory, so that later epochs
/// skip decoding and resizing: the resize is deterministic and the random crop and mirror come after it, so cached
/// items give exactly the same inputs. Items are added until <see cref="CapacityBytes"/> is reached, then no more
/// (no eviction). Thread-safe. At 128 px an item takes 48 KiB; at the paper's 512 px, 768 KiB.
/// </summary>
public sealed class ResizedImageCache(long capacityBytes)
{
    private readonly ConcurrentDictionary<int, byte[]> _items = new();
    private long _bytes;

    /// <summary>Most bytes held.</summary>
    public long CapacityBytes { get; } = capacityBytes >= 0 ? capacityBytes : throw new ArgumentOutOfRangeException(nameof(capacityBytes));

    /// <summary>Bytes held now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public int Count => _items.Count;

    public bool TryGet(int index, out byte[] rgb) => _items.TryGetValue(index, out rgb!);

    /// <summary>Adds an item if there is room; returns whether it is held.</summary>
    public bool TryAdd(int index, byte[] rgb)
    {
        if (Interlocked.Add(ref _bytes, rgb.Length) > CapacityBytes)
        {
            Interlocked.Add(ref _bytes, -rgb.Length);
            return false;
        }
        if (_items.TryAdd(index, rgb)) return true;
        Interlocked.Add(ref _bytes, -rgb.Length);
        return false;
    }
}
