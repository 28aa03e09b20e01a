namespace FgCrossNet.Data.Audio;

/// <summary>Settings of <see cref="AudioPreparation"/>.</summary>
public sealed record AudioPreparationOptions
{
    /// <summary>Side of the square spectrogram images in pixels (the reference: 700).</summary>
    public int ImageSize { get; init; } = SpectrogramRenderer.ReferenceSize;

    /// <summary>Share of each class's recordings put in the test split, in [0, 1] (rounded per class). The published
    /// FG-XMedia audio test list holds 6,000 of the 12,000 recordings, hence 0.5.</summary>
    public double TestFraction { get; init; } = 0.5;

    /// <summary>Seed of the train/test split: the same seed and files give the same split.</summary>
    public int Seed { get; init; }

    /// <summary>Worker threads; null for one per core.</summary>
    public int? Threads { get; init; }

    /// <summary>Class list to number classes by; null to look for <c>ROOT/classes.txt</c>, then <c>ROOT/list/classes.txt</c>.</summary>
    public string? ClassListPath { get; init; }

    /// <summary>Receives the progress of the conversion (task <c>spectrograms</c>, in recordings), from worker threads one report at a time.</summary>
    public Action<FgCrossNet.Progress.ProgressReport>? Progress { get; init; }

    internal void Validate()
    {
        if (ImageSize is < 1 or > 8192) throw new ArgumentException($"image size must be in [1, 8192] pixels, got {ImageSize}");
        if (!(TestFraction >= 0 && TestFraction <= 1)) throw new ArgumentException($"test fraction must be in [0, 1], got {TestFraction}");
        if (Threads is < 1) throw new ArgumentException($"threads must be at least 1, got {Threads}");
    }
}
