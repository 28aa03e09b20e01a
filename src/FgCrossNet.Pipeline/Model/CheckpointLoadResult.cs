namespace FgCrossNet.Model;

/// <summary>What <see cref="CheckpointLoader"/> did with a checkpoint.</summary>
/// <param name="Path">The checkpoint file (null when loaded from contents already in memory).</param>
/// <param name="Format">The file's format.</param>
/// <param name="StrippedPrefix"><c>"module."</c> when every key carried <c>nn.DataParallel</c>'s prefix and it was removed; else null.</param>
/// <param name="Loaded">The network's parameters and buffers that received the checkpoint's values, in the network's order.</param>
/// <param name="Missing">
/// The network's parameters and buffers that received no value, in the network's order: absent from the checkpoint
/// (allowed by the options, or batch-norm <c>num_batches_tracked</c> counters, which checkpoints from PyTorch before 0.4
/// lack) or excluded by the options. They keep their current values.
/// </param>
/// <param name="Skipped">The checkpoint's entries that were not loaded, with the reason, in name order.</param>
public sealed record CheckpointLoadResult(
    string? Path,
    CheckpointFormat Format,
    string? StrippedPrefix,
    IReadOnlyList<string> Loaded,
    IReadOnlyList<string> Missing,
    IReadOnlyList<SkippedKey> Skipped)
{
    /// <summary>A one-line summary, e.g. "loaded 320 of 327 tensors; 7 missing (embed.weight, ...); 2 skipped (fc.weight: Excluded, ...)".</summary>
    public override string ToString()
    {
        var total = Loaded.Count + Missing.Count;
        var text = $"loaded {Loaded.Count} of {total} tensors";
        if (StrippedPrefix is not null) text += $" (prefix '{StrippedPrefix}' stripped)";
        if (Missing.Count > 0) text += $"; {Missing.Count} missing ({string.Join(", ", Missing)})";
        if (Skipped.Count > 0) text += $"; {Skipped.Count} skipped ({string.Join(", ", Skipped.Select(s => $"{s.Key}: {s.Reason}"))})";
        return text;
    }
}
