namespace FgCrossNet.Data.Loading;

/// <summary>Options of a <see cref="CrossMediaLoader"/>.</summary>
public sealed record CrossMediaLoaderOptions
{
    /// <summary>B: items of every medium per step (paper: 4 → 16 items per step with four media).</summary>
    public int PerMedium { get; init; } = 4;

    /// <summary>Seed of the shuffling and of the augmentation randomness.</summary>
    public int Seed { get; init; }

    public BatchPolicy Policy { get; init; } = BatchPolicy.BalancedShuffled;

    /// <summary>See <see cref="CrossMediaBatchSampler"/>; null = the policy's natural epoch length.</summary>
    public int? StepsPerEpoch { get; init; }

    /// <summary>
    /// Background worker tasks preparing batches while the consumer trains; 0 prepares each batch on the consumer's
    /// thread when it is asked for (synchronous). Default: one fewer than the cores, at least 1.
    /// </summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>At most this many batches are prepared ahead of the consumer (bounds memory).</summary>
    public int PrefetchDepth { get; init; } = 4;

    public BadItemPolicy BadItems { get; init; } = BadItemPolicy.FailFast;

    /// <summary>Under <see cref="BadItemPolicy.SkipAndCount"/>: how many substitutes are tried for one item before giving up.</summary>
    public int MaxSubstitutes { get; init; } = 16;

    public void Validate()
    {
        if (PerMedium <= 0) throw new ArgumentException($"items per medium must be positive, got {PerMedium}");
        if (Workers < 0) throw new ArgumentException($"workers cannot be negative, got {Workers}");
        if (PrefetchDepth <= 0) throw new ArgumentException($"prefetch depth must be positive, got {PrefetchDepth}");
        if (MaxSubstitutes <= 0) throw new ArgumentException($"max substitutes must be positive, got {MaxSubstitutes}");
    }
}
