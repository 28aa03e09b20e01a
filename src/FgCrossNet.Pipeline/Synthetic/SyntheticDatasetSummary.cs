using FgCrossNet.Core;

namespace FgCrossNet.Synthetic;

/// <summary>What <see cref="SyntheticDatasetGenerator"/> wrote.</summary>
/// <param name="Root">The dataset root.</param>
/// <param name="Classes">The species, by label.</param>
/// <param name="TrainEntries">Entries of each medium's train list (video: frames).</param>
/// <param name="TestEntries">Entries of each medium's test list (video: frames).</param>
/// <param name="Seconds">Wall-clock time of the generation.</param>
public sealed record SyntheticDatasetSummary(
    string Root,
    IReadOnlyList<SyntheticClass> Classes,
    IReadOnlyDictionary<Medium, int> TrainEntries,
    IReadOnlyDictionary<Medium, int> TestEntries,
    double Seconds);
