using System.Text.Json.Nodes;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.IO;
using FgCrossNet.Training;

namespace FgCrossNet.Experiments;

/// <summary>
/// A run folder with its scores, as read back from <c>config.json</c> and <c>eval/scores.json</c>:
/// <see cref="Map"/> by task name ("I->T", ..., "V->All") plus <c>bimodal_avg</c> and <c>multimodal_avg</c>;
/// <see cref="PerQueryAp"/> by task name, in query order; <see cref="Settings"/> the config as dotted keys
/// (<c>stage2.ranking_weight</c> → its JSON text) without <c>seed</c> and <c>name</c>, so runs that differ only in
/// their seed have equal settings.
/// </summary>
public sealed record EvaluatedRun(
    string Folder, int Seed, IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, double> Map, IReadOnlyDictionary<string, double[]> PerQueryAp)
{
    /// <summary>The 12 bi-modal and 4 multi-modal task names, in the paper's order.</summary>
    public static IReadOnlyList<string> PaperTasks { get; } =
        [.. PaperRetrievalProtocol.BimodalTasks.Select(t => t.Name), .. PaperRetrievalProtocol.MultimodalTasks.Select(t => t.Name)];

    /// <summary>The 16 tasks and the two averages: the columns of the ablation table.</summary>
    public static IReadOnlyList<string> ScoreKeys { get; } =
        [.. PaperTasks, PaperRetrievalProtocol.BimodalAverageKey, PaperRetrievalProtocol.MultimodalAverageKey];

    /// <summary>The settings as one comparable string.</summary>
    public string SettingsKey => string.Join("\n", Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    public static EvaluatedRun Read(string folder)
    {
        var scoresPath = RunEvaluation.ScoresPath(folder);
        var configPath = Path.Combine(folder, RunFolder.ConfigFile);
        var config = JsonFileNode.Read(configPath);
        var scores = JsonFileNode.Read(scoresPath);
        var settings = new Dictionary<string, string>();
        Flatten(config, "", settings);
        settings.Remove("seed");
        settings.Remove("name");
        settings.Remove("data.root"); // where a run's data was, not how it was trained
        int seed = config["seed"]?.GetValue<int>() ?? 0;

        var map = new Dictionary<string, double>();
        foreach (var key in ScoreKeys)
            map[key] = scores[key]?.GetValue<double>() ?? throw new InvalidInputException(scoresPath, $"no score '{key}'");
        var perQuery = new Dictionary<string, double[]>();
        var perQueryNode = scores["per_query_ap"] as JsonObject
            ?? throw new InvalidInputException(scoresPath, "no per_query_ap (evaluate the run again: fgcrossnet ablate/report need every query's AP)");
        foreach (var task in PaperTasks)
            perQuery[task] = (perQueryNode[task] as JsonArray)?.Select(v => v!.GetValue<double>()).ToArray()
                ?? throw new InvalidInputException(scoresPath, $"no per_query_ap for '{task}'");
        return new EvaluatedRun(Path.GetFullPath(folder), seed, settings, map, perQuery);
    }

    /// <summary>
    /// The evaluated runs under the given folders: a folder that is an evaluated run, or (searched recursively) holds
    /// some, in path order. A folder with none is an error naming it.
    /// </summary>
    public static IReadOnlyList<EvaluatedRun> Find(IEnumerable<string> folders)
    {
        var runs = new List<EvaluatedRun>();
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder)) throw new InvalidInputException(folder, "no such folder");
            var found = Directory.EnumerateFiles(folder, RunEvaluation.ScoresFile, SearchOption.AllDirectories)
                .Select(p => Path.GetDirectoryName(Path.GetDirectoryName(p))!)
                .Where(d => Path.GetFileName(Path.GetDirectoryName(RunEvaluation.ScoresPath(d))) == RunEvaluation.Folder
                            && File.Exists(Path.Combine(d, RunFolder.ConfigFile)))
                .Order(StringComparer.Ordinal).ToList();
            if (found.Count == 0) throw new InvalidInputException(folder, $"holds no evaluated run (no {RunEvaluation.Folder}/{RunEvaluation.ScoresFile} beside a {RunFolder.ConfigFile})");
            runs.AddRange(found.Select(Read));
        }
        return runs.DistinctBy(r => r.Folder).ToList();
    }

    private static void Flatten(JsonNode? node, string prefix, Dictionary<string, string> into)
    {
        if (node is JsonObject o)
            foreach (var (key, value) in o) Flatten(value, prefix.Length == 0 ? key : $"{prefix}.{key}", into);
        else
            into[prefix] = node?.ToJsonString() ?? "null";
    }
}
