using FgCrossNet.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Model;

/// <summary>
/// Loads a checkpoint's state dict into a network by name, all or nothing. Sources it is made for: the reference's
/// published FGCrossNet checkpoints (saved from <c>nn.DataParallel</c>, so every key starts with <c>module.</c>, which is
/// stripped; in PyTorch's legacy format, <see cref="CheckpointFormat.PyTorchLegacy"/>), torchvision ImageNet ResNets (<see cref="CheckpointLoadOptions.ImageNetBackbone"/>), and this project's
/// own checkpoints in either format (<see cref="CheckpointWriter"/>).
/// </summary>
/// <remarks>
/// Every entry is checked before any is copied: a key the network lacks (unless ignored), a parameter or buffer the
/// checkpoint lacks (unless optional), and a shape that differs are errors naming each key (and both shapes), and leave
/// the network untouched. A one-element tensor fills a one-element tensor whatever their ranks (old checkpoints store
/// <c>num_batches_tracked</c> as [1] or []). Batch-norm <c>num_batches_tracked</c> counters may be missing, as PyTorch
/// accepts (checkpoints from before PyTorch 0.4 have none). Values are copied into the existing tensors, converted to
/// their element type and device.
/// </remarks>
public static class CheckpointLoader
{
    /// <summary>The prefix <c>nn.DataParallel</c> puts in front of every key.</summary>
    public const string DataParallelPrefix = "module.";

    private const string BatchCounterSuffix = ".num_batches_tracked";
    private const int MaxKeysInMessage = 12;

    /// <summary>Reads <paramref name="path"/> (any <see cref="CheckpointFormat"/>, recognised from its content) and loads it into <paramref name="network"/>.</summary>
    /// <exception cref="InvalidInputException">The file is not a checkpoint, or it does not fit the network under <paramref name="options"/>.</exception>
    public static CheckpointLoadResult Load(nn.Module network, string path, CheckpointLoadOptions? options = null)
    {
        using var contents = CheckpointContents.Read(path);
        return Load(network, contents, options);
    }

    /// <summary>Loads contents already read into <paramref name="network"/>; errors name <see cref="CheckpointContents.Path"/> (or "checkpoint").</summary>
    public static CheckpointLoadResult Load(nn.Module network, CheckpointContents contents, CheckpointLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(contents);
        options ??= CheckpointLoadOptions.Strict;
        var source = contents.Path ?? "checkpoint";
        if (contents.Tensors.Count == 0) throw new InvalidInputException(source, "the state dict is empty");

        string? strippedPrefix = null;
        var entries = contents.Tensors.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        if (options.StripDataParallelPrefix && entries.Keys.All(k => k.StartsWith(DataParallelPrefix, StringComparison.Ordinal)))
        {
            strippedPrefix = DataParallelPrefix;
            entries = entries.ToDictionary(kv => kv.Key[DataParallelPrefix.Length..], kv => kv.Value, StringComparer.Ordinal);
        }

        var targets = network.state_dict();
        var excluded = options.ExcludedModules.ToHashSet(StringComparer.Ordinal);
        var optional = options.OptionalModules.ToHashSet(StringComparer.Ordinal);

        var shapeProblems = new List<string>();
        var toCopy = new List<(string Key, Tensor Target, Tensor Value)>();
        var missing = new List<string>();
        var missingNotAllowed = new List<string>();
        foreach (var (key, target) in targets)
        {
            var module = TopLevelModule(key);
            if (excluded.Contains(module))
            {
                missing.Add(key);
                continue;
            }
            if (!entries.TryGetValue(key, out var value))
            {
                missing.Add(key);
                if (!optional.Contains(module) && !key.EndsWith(BatchCounterSuffix, StringComparison.Ordinal)) missingNotAllowed.Add(key);
                continue;
            }
            if (!ShapesFit(value.shape, target.shape))
            {
                shapeProblems.Add($"'{key}' has shape {Shape(value.shape)} in the checkpoint but {Shape(target.shape)} in the network");
                continue;
            }
            toCopy.Add((key, target, value));
        }

        var skipped = new List<SkippedKey>();
        var unexpected = new List<string>();
        foreach (var (key, value) in entries.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (excluded.Contains(TopLevelModule(key))) skipped.Add(new SkippedKey(key, SkipReason.Excluded, value.shape));
            else if (!targets.ContainsKey(key))
            {
                if (options.IgnoreUnexpectedKeys) skipped.Add(new SkippedKey(key, SkipReason.NotInNetwork, value.shape));
                else unexpected.Add(key);
            }
        }

        var problems = new List<string>();
        if (unexpected.Count > 0)
            problems.Add($"{unexpected.Count} entries are not in the network: {KeyList(unexpected)}");
        if (missingNotAllowed.Count > 0)
            problems.Add($"{missingNotAllowed.Count} of the network's tensors are not in the checkpoint: {KeyList(missingNotAllowed)}");
        if (shapeProblems.Count > 0)
            problems.Add($"{shapeProblems.Count} shapes differ: " + string.Join(", ", shapeProblems.Take(MaxKeysInMessage))
                         + (shapeProblems.Count > MaxKeysInMessage ? $" and {shapeProblems.Count - MaxKeysInMessage} more" : ""));
        if (problems.Count > 0)
        {
            var prefixNote = strippedPrefix is null ? "" : $" (after stripping '{strippedPrefix}')";
            throw new InvalidInputException(source, $"does not fit the network{prefixNote}: " + string.Join("; ", problems));
        }

        using (no_grad())
        {
            foreach (var (_, target, value) in toCopy)
            {
                if (value.shape.SequenceEqual(target.shape)) target.copy_(value);
                else
                {
                    using var reshaped = value.reshape(target.shape);
                    target.copy_(reshaped);
                }
            }
        }

        return new CheckpointLoadResult(contents.Path, contents.Format, strippedPrefix, toCopy.Select(c => c.Key).ToList(), missing, skipped);
    }

    private static string TopLevelModule(string key)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? key : key[..dot];
    }

    private static bool ShapesFit(long[] source, long[] target) =>
        source.SequenceEqual(target) || (source.Aggregate(1L, (a, b) => a * b) == 1 && target.Aggregate(1L, (a, b) => a * b) == 1);

    private static string Shape(long[] shape) => $"[{string.Join(", ", shape)}]";

    private static string KeyList(List<string> keys) =>
        string.Join(", ", keys.Take(MaxKeysInMessage).Select(k => $"'{k}'")) + (keys.Count > MaxKeysInMessage ? $" and {keys.Count - MaxKeysInMessage} more" : "");
}
