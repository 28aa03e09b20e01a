namespace FgCrossNet.Data.Loading;

/// <summary>
/// Derives independent, reproducible seeds from a base seed and a path of integers (epoch, step, medium, slot...),
/// with SplitMix64 mixing. Random streams then depend only on what they are for, not on thread timing.
/// </summary>
public static class SeedSequence
{
    public static int Derive(int seed, params ReadOnlySpan<int> path)
    {
        ulong x = Mix((ulong)(uint)seed + 0x9E3779B97F4A7C15UL);
        foreach (var p in path) x = Mix(x ^ ((ulong)(uint)p * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL));
        return (int)(x >> 33);
    }

    public static Random Random(int seed, params ReadOnlySpan<int> path) => new(Derive(seed, path));

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
