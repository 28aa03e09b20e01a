using System.Diagnostics;
using System.Text.RegularExpressions;
using FgCrossNet.Core;
using FgCrossNet.IO;

namespace FgCrossNet.Inference;

/// <summary>
/// Merges the shards of an extraction (<see cref="ExtractionShard"/>: <c>OUT/shards/k-of-n/&lt;medium&gt;/</c>) into
/// <c>OUT/&lt;medium&gt;/</c>: every medium's rows of shards 1..n appended in shard order through
/// <see cref="MediumFeatureWriter"/>, their skipped items concatenated, and an <c>extract.json</c> without the shard:
/// byte for byte what one process extracting the whole split writes. Refused, naming what is wrong, when shards of two
/// counts n are present, when a shard has not finished a medium, or when the shards were extracted with different
/// models, data, options or execution providers. The merged <c>extract.json</c> is written last (a merge interrupted
/// midway leaves the medium not done).
/// </summary>
public static partial class ExtractionShardMerge
{
    /// <summary>The identity key of <see cref="ExtractionRecord"/> that names a shard (<c>k/n</c>).</summary>
    public const string ShardKey = "shard";

    public static IReadOnlyList<MediumExtractionReport> Merge(string outputFolder, Action<string>? log = null)
    {
        var output = Path.GetFullPath(outputFolder);
        var shardsRoot = Path.Combine(output, ExtractionShard.ShardsFolder);
        var counts = Directory.Exists(shardsRoot)
            ? Directory.GetDirectories(shardsRoot).Select(d => ShardFolderPattern().Match(Path.GetFileName(d))).Where(m => m.Success)
                .Select(m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList()
            : [];
        if (counts.Count == 0) throw new InvalidInputException(shardsRoot, "no extraction shards here (k-of-n folders): run extract --shard k/n first");
        if (counts.Count > 1)
            throw new InvalidInputException(shardsRoot, $"holds shards of {string.Join(" and ", counts)} shards each: keep one sharding (delete the other k-of-n folders)");
        int n = counts[0];
        var shards = Enumerable.Range(1, n).Select(k => new ExtractionShard(k, n)).ToList();
        var media = Media.All.Where(m => shards.Any(s => Directory.Exists(Path.Combine(s.Folder(output), m.FolderName())))).ToList();

        var reports = new List<MediumExtractionReport>();
        foreach (var medium in media)
        {
            var clock = Stopwatch.StartNew();
            var folders = shards.Select(s => Path.Combine(s.Folder(output), medium.FolderName())).ToList();
            var records = folders.Select(f => ExtractionRecord.TryRead(Path.Combine(f, FeatureExtraction.DoneFileName))).ToList();
            var unfinished = shards.Where((s, i) => records[i] is null).Select(s => s.ToString()).ToList();
            if (unfinished.Count > 0)
                throw new InvalidInputException(shardsRoot, $"{medium.FolderName()}: shard {string.Join(", ", unfinished)} has not finished (no {FeatureExtraction.DoneFileName}): run extract --shard for it, then merge again");
            var identity = WithoutShard(records[0]!);
            for (int i = 0; i < n; i++)
            {
                if (!records[i]!.HasIdentity([.. identity, new(ShardKey, shards[i].ToString())]))
                    throw new InvalidInputException(Path.Combine(folders[i], FeatureExtraction.DoneFileName),
                        $"shard {shards[i]} of {medium.FolderName()} was extracted with another model, data or options than shard {shards[0]}");
                if (records[i]!.Provider != records[0]!.Provider)
                    throw new InvalidInputException(Path.Combine(folders[i], FeatureExtraction.DoneFileName),
                        $"shard {shards[i]} ran on {records[i]!.Provider}, shard {shards[0]} on {records[0]!.Provider}: their features may differ in the last bits; extract them on one kind of device");
            }
            int rows = records.Sum(r => r!.Rows);
            if (rows == 0) throw new InvalidInputException(shardsRoot, $"{medium.FolderName()}: no item could be read in any shard (see their {FeatureExtraction.SkippedFileName})");

            var mergedFolder = Path.Combine(output, medium.FolderName());
            var done = Path.Combine(mergedFolder, FeatureExtraction.DoneFileName);
            if (File.Exists(done)) File.Delete(done);
            var skipped = new List<SkippedItem>();
            MediumFeatureWriter? writer = null;
            try
            {
                for (int i = 0; i < n; i++)
                {
                    if (records[i]!.Rows > 0)
                    {
                        var features = NpyFile.Read(Path.Combine(folders[i], FeatureFolder.NpyFileName));
                        var labels = LabelFile.Read(Path.Combine(folders[i], FeatureFolder.LabelFileName));
                        var items = File.ReadAllLines(Path.Combine(folders[i], MediumFeatureWriter.ItemsFileName));
                        if (features.Rows != records[i]!.Rows || labels.Length != features.Rows || items.Length != features.Rows)
                            throw new InvalidInputException(folders[i], $"{features.Rows} feature rows, {labels.Length} labels and {items.Length} items, but {FeatureExtraction.DoneFileName} says {records[i]!.Rows}: extract this shard again (--force)");
                        writer ??= new MediumFeatureWriter(mergedFolder, features.Dimension);
                        if (features.Dimension != writer.Dimension)
                            throw new InvalidInputException(folders[i], $"{features.Dimension} values per row, the shards before it {writer.Dimension}");
                        for (int row = 0; row < features.Rows; row++) writer.Append(features.Row(row), labels[row], items[row]);
                    }
                    var skippedFile = Path.Combine(folders[i], FeatureExtraction.SkippedFileName);
                    if (File.Exists(skippedFile))
                        skipped.AddRange(File.ReadAllLines(skippedFile).Select(line => line.Split('\t', 2)).Select(p => new SkippedItem(p[0], p.Length > 1 ? p[1] : "")));
                }
                writer!.Complete();
            }
            finally
            {
                writer?.Dispose();
            }
            AtomicFile.WriteAllText(Path.Combine(mergedFolder, FeatureExtraction.SkippedFileName), string.Concat(skipped.Select(s => $"{s.Path}\t{s.Problem}\n")));
            var merged = new ExtractionRecord(identity, rows, records.Sum(r => r!.Skipped), records.Sum(r => r!.SkippedFrames), records[0]!.Provider);
            merged.Write(done);
            log?.Invoke($"{medium.FolderName()}: merged {n} shards, {rows} rows, into {mergedFolder}");
            reports.Add(new MediumExtractionReport(medium, rows, skipped, merged.SkippedFrames, false, clock.Elapsed));
        }
        return reports;
    }

    private static List<KeyValuePair<string, string>> WithoutShard(ExtractionRecord record) => [.. record.Identity.Where(kv => kv.Key != ShardKey)];

    [GeneratedRegex(@"^(\d+)-of-(\d+)$")]
    private static partial Regex ShardFolderPattern();
}
