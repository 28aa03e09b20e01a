using System.Text.Json;
using System.Text.Json.Nodes;
using FgCrossNet.IO;

namespace FgCrossNet.Inference;

/// <summary>
/// A medium's <see cref="FeatureExtraction.DoneFileName"/>, written last in its folder: what produced the files
/// (<see cref="Identity"/>: the model file with its size and time, dataset root, split, engine, resize, and for a shard
/// its <c>k/n</c>) and what they hold (rows, skipped items, unreadable video frames, the execution provider used).
/// A medium is done when this file exists with the identity of the extraction asked for.
/// </summary>
public sealed record ExtractionRecord(IReadOnlyList<KeyValuePair<string, string>> Identity, int Rows, int Skipped, int SkippedFrames, string Provider)
{
    private const string RowsKey = "rows", SkippedKey = "skipped", SkippedFramesKey = "skipped_frames", ProviderKey = "provider";

    /// <summary>Whether this record was written by an extraction with exactly <paramref name="identity"/>.</summary>
    public bool HasIdentity(IReadOnlyList<KeyValuePair<string, string>> identity) =>
        identity.Count == Identity.Count && identity.All(kv => Identity.Contains(kv));

    /// <summary>Writes the record atomically: the identity's keys in order, then rows, skipped, skipped_frames, provider.</summary>
    public void Write(string path)
    {
        var record = new JsonObject(Identity.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))))
        {
            [RowsKey] = Rows,
            [SkippedKey] = Skipped,
            [SkippedFramesKey] = SkippedFrames,
            [ProviderKey] = Provider,
        };
        JsonFileNode.Write(path, record);
    }

    /// <summary>The record at <paramref name="path"/>; null when there is none or it cannot be read (the medium is then not done).</summary>
    public static ExtractionRecord? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            if (JsonNode.Parse(File.ReadAllText(path)) is not JsonObject record) return null;
            var identity = record
                .Where(kv => kv.Key is not (RowsKey or SkippedKey or SkippedFramesKey or ProviderKey))
                .Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.GetValue<string>() ?? ""))
                .ToList();
            return record[RowsKey]?.GetValue<int>() is { } rows && record[SkippedKey]?.GetValue<int>() is { } skipped
                && record[SkippedFramesKey]?.GetValue<int>() is { } frames && record[ProviderKey]?.GetValue<string>() is { } provider
                ? new ExtractionRecord(identity, rows, skipped, frames, provider)
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
