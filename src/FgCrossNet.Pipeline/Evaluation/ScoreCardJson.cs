using System.Globalization;
using System.Text.Json.Nodes;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core.Statistics;
using FgCrossNet.Core;
using FgCrossNet.IO;

namespace FgCrossNet.Evaluation;

/// <summary>
/// The results file of an evaluation (<c>scores.json</c>). Top-level keys "I->T" ... "V->All", "bimodal_avg" and
/// "multimodal_avg" are plain MAP numbers (the paper's table); "protocol" states how they were computed
/// (<see cref="EvaluationProtocol.Description"/> and its settings); "confidence" the bootstrap, when intervals were
/// computed; "tasks" every score of every task (within-medium tasks included) with its precision-recall curve;
/// "per_class_map" and "per_query_ap" are optional. <see cref="Read"/> gives the score card back.
/// </summary>
public static class ScoreCardJson
{
    public static JsonObject ToJson(CrossMediaScoreCard card, bool includePerClass = false, bool includePerQuery = false)
    {
        var protocol = card.Protocol;
        var root = new JsonObject();
        foreach (var t in card.Bimodal.Concat(card.Multimodal)) root[t.Task.Name] = t.Map;
        root[PaperRetrievalProtocol.BimodalAverageKey] = card.BimodalAverage;
        root[PaperRetrievalProtocol.MultimodalAverageKey] = card.MultimodalAverage;
        root["protocol"] = new JsonObject
        {
            ["description"] = protocol.Description,
            ["media"] = new JsonArray([.. protocol.Media.Select(m => (JsonNode?)m.FolderName())]),
            ["exclude_self"] = protocol.ExcludeSelf,
            ["ks"] = new JsonArray([.. protocol.Ks.Select(k => (JsonNode?)k)]),
        };
        if (protocol.BootstrapResamples > 0)
            root["confidence"] = new JsonObject
            {
                ["method"] = "percentile bootstrap over queries",
                ["level"] = protocol.ConfidenceLevel,
                ["resamples"] = protocol.BootstrapResamples,
                ["seed"] = protocol.Seed,
            };
        var tasks = new JsonObject();
        foreach (var t in card.Tasks)
        {
            var o = new JsonObject
            {
                ["queries"] = t.Queries,
                ["map"] = t.Map,
            };
            if (t.MapInterval is { } ci) o["map_ci"] = new JsonArray(ci.Low, ci.High);
            o["map_at_r"] = t.MapAtR;
            o["r_precision"] = t.RPrecision;
            o["precision_at_k"] = ByK(t.PrecisionAtK);
            o["recall_at_k"] = ByK(t.RecallAtK);
            o["class_balanced_map"] = t.ClassBalancedMap;
            o["precision_recall"] = new JsonObject
            {
                ["recall"] = Array(t.PrecisionRecall.Recall),
                ["precision"] = Array(t.PrecisionRecall.Precision),
                ["queries"] = t.PrecisionRecall.Queries,
            };
            tasks[t.Task.Name] = o;
        }
        root["tasks"] = tasks;
        if (includePerClass)
            root["per_class_map"] = Object(card.Tasks, t => t.Task.Name,
                t => Object(t.PerClassMap, kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value));
        if (includePerQuery)
            root["per_query_ap"] = Object(card.Tasks, t => t.Task.Name, t => Array(t.PerQueryAveragePrecision));
        return root;
    }

    public static void Write(string path, CrossMediaScoreCard card, bool includePerClass = false, bool includePerQuery = false) =>
        JsonFileNode.Write(path, ToJson(card, includePerClass, includePerQuery), minimalEscaping: true);

    /// <summary>
    /// The score card written to <paramref name="path"/>. Per-class MAP and per-query AP are empty when the file does
    /// not hold them. A file that is not a results file of this version is an error naming the file and the key.
    /// </summary>
    public static CrossMediaScoreCard Read(string path)
    {
        var root = JsonFileNode.Read(path) as JsonObject ?? throw new InvalidInputException(path, "not a JSON object");
        try
        {
            var protocol = Required<JsonObject>(root, "protocol", path);
            var confidence = root["confidence"] as JsonObject;
            var options = new ScoreOptions(
                [.. Required<JsonArray>(protocol, "ks", path).Select(k => k!.GetValue<int>())],
                confidence?["resamples"]?.GetValue<int>() ?? 0,
                confidence?["level"]?.GetValue<double>() ?? 0.95,
                confidence?["seed"]?.GetValue<int>() ?? 0);
            var perClass = root["per_class_map"] as JsonObject;
            var perQuery = root["per_query_ap"] as JsonObject;
            var tasks = new List<TaskScores>();
            foreach (var (name, node) in Required<JsonObject>(root, "tasks", path))
            {
                if (!RetrievalTask.TryParse(name, out var task)) throw new InvalidInputException(path, $"tasks: '{name}' is not a task name");
                var t = node as JsonObject ?? throw new InvalidInputException(path, $"tasks.{name} is not an object");
                var pr = Required<JsonObject>(t, "precision_recall", path, $"tasks.{name}.");
                var ci = t["map_ci"] as JsonArray;
                tasks.Add(new TaskScores(
                    task,
                    t["queries"]!.GetValue<int>(),
                    t["map"]!.GetValue<double>(),
                    ci is null ? null : new ConfidenceInterval(ci[0]!.GetValue<double>(), ci[1]!.GetValue<double>(), options.ConfidenceLevel),
                    t["map_at_r"]!.GetValue<double>(),
                    t["r_precision"]!.GetValue<double>(),
                    ByK(Required<JsonObject>(t, "precision_at_k", path, $"tasks.{name}.")),
                    ByK(Required<JsonObject>(t, "recall_at_k", path, $"tasks.{name}.")),
                    t["class_balanced_map"]!.GetValue<double>(),
                    (perClass?[name] as JsonObject)?.ToDictionary(kv => int.Parse(kv.Key, CultureInfo.InvariantCulture), kv => kv.Value!.GetValue<double>())
                        ?? new Dictionary<int, double>(),
                    Doubles(perQuery?[name] as JsonArray),
                    new PrecisionRecallCurve(Doubles(pr["recall"] as JsonArray), Doubles(pr["precision"] as JsonArray), pr["queries"]!.GetValue<int>())));
            }
            return CrossMediaScoreCard.FromTasks(tasks, Required<JsonNode>(protocol, "exclude_self", path).GetValue<bool>(), options);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException or ArgumentException)
        {
            throw new InvalidInputException(path, $"not a scores file of this version ({e.Message}); evaluate again to rewrite it");
        }
    }

    private static T Required<T>(JsonObject o, string key, string path, string prefix = "") where T : JsonNode =>
        o[key] as T ?? throw new InvalidInputException(path, $"no '{prefix}{key}' (a scores file written before it existed? evaluate again)");

    private static double[] Doubles(JsonArray? values) => values is null ? [] : [.. values.Select(v => v!.GetValue<double>())];

    private static JsonArray Array(IEnumerable<double> values) => new([.. values.Select(v => (JsonNode?)v)]);

    private static JsonObject ByK(IReadOnlyDictionary<int, double> values) =>
        Object(values, kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value);

    private static Dictionary<int, double> ByK(JsonObject values) =>
        values.ToDictionary(kv => int.Parse(kv.Key, CultureInfo.InvariantCulture), kv => kv.Value!.GetValue<double>());

    private static JsonObject Object<T>(IEnumerable<T> items, Func<T, string> key, Func<T, JsonNode?> value) =>
        new(items.Select(i => KeyValuePair.Create(key(i), value(i))));
}
