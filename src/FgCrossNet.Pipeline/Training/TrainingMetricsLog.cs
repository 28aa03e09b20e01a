using System.Text.Json;
using System.Text.Json.Nodes;

namespace FgCrossNet.Training;

/// <summary>
/// Reads a run's <c>metrics.jsonl</c> (one <see cref="EpochRecord"/> as JSON per line) without opening the run folder,
/// so it works while the run is still training or on a copy of the file. A torn last line is ignored.
/// </summary>
public static class TrainingMetricsLog
{
    /// <summary>The records of <paramref name="runFolderOrFile"/> (a run folder, or the metrics file itself), in order.</summary>
    public static IReadOnlyList<JsonObject> Read(string runFolderOrFile)
    {
        var file = Directory.Exists(runFolderOrFile) ? Path.Combine(runFolderOrFile, RunFolder.MetricsFile) : runFolderOrFile;
        if (!File.Exists(file)) throw new IO.InvalidInputException(file, "no metrics log here");
        var records = new List<JsonObject>();
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                if (JsonNode.Parse(line) is JsonObject o) records.Add(o);
            }
            catch (JsonException)
            {
                break; // only the last line can be torn
            }
        }
        return records;
    }

    /// <summary>
    /// The value of <paramref name="key"/> in each record as (epoch number over the whole run, value): stage 2's epochs
    /// continue after stage 1's. Records without the key, or with null, are skipped.
    /// </summary>
    public static IReadOnlyList<(int RunEpoch, double Value)> Series(IReadOnlyList<JsonObject> records, string key)
    {
        var result = new List<(int, double)>();
        for (int i = 0; i < records.Count; i++)
            if (records[i][key] is JsonValue v && v.TryGetValue<double>(out var d)) result.Add((i + 1, d));
        return result;
    }

    /// <summary>The run epochs (1-based over the whole run) at which a stage after the first one in the log starts, e.g. [9, 19] for 8 warm-up, 10 stage-1 and 3 stage-2 epochs.</summary>
    public static IReadOnlyList<int> LaterStageStarts(IReadOnlyList<JsonObject> records)
    {
        var starts = new List<int>();
        int? previous = null;
        for (int i = 0; i < records.Count; i++)
        {
            int? stage = records[i]["stage"] is JsonValue v && v.TryGetValue<int>(out var s) ? s : null;
            if (previous is not null && stage != previous) starts.Add(i + 1);
            previous = stage;
        }
        return starts;
    }
}
