using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.IO;

namespace FgCrossNet.Evaluation;

/// <summary>
/// The results file of an evaluation. Top-level keys "I->T" ... "V->A", "I->All" ... "V->All", "bimodal_avg" and
/// "multimodal_avg" are plain MAP numbers (the paper's table); "protocol" says how they were computed; "tasks" holds
/// every score of every task, within-medium tasks included; "per_class_map" and "per_query_ap" are optional.
/// </summary>
public static class ScoreCardJson
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep "I->T" readable
    };

    public static JsonObject ToJson(CrossMediaScoreCard card, bool includePerClass = false, bool includePerQuery = false)
    {
        var root = new JsonObject();
        foreach (var t in card.Bimodal.Concat(card.Multimodal)) root[t.Task.Name] = t.Map;
        root[PaperRetrievalProtocol.BimodalAverageKey] = card.BimodalAverage;
        root[PaperRetrievalProtocol.MultimodalAverageKey] = card.MultimodalAverage;
        root["protocol"] = new JsonObject
        {
            ["metric"] = "MAP: mean over queries of AP = mean precision at the ranks of the relevant (same-label) items",
            ["distance"] = "cosine",
            ["ranking"] = "whole gallery, ascending distance, ties broken by gallery index",
            ["multimodal_gallery"] = "image, text, audio, video stacked in that order",
            ["query_in_gallery"] = card.ExcludeSelf ? "excluded (--exclude-self)" : "included (paper protocol)",
            ["exclude_self"] = card.ExcludeSelf,
        };
        if (card.Options.BootstrapResamples > 0)
            root["confidence"] = new JsonObject
            {
                ["method"] = "percentile bootstrap over queries",
                ["level"] = card.Options.ConfidenceLevel,
                ["resamples"] = card.Options.BootstrapResamples,
                ["seed"] = card.Options.Seed,
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
            tasks[t.Task.Name] = o;
        }
        root["tasks"] = tasks;
        if (includePerClass)
            root["per_class_map"] = Object(card.Tasks, t => t.Task.Name,
                t => Object(t.PerClassMap, kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value));
        if (includePerQuery)
            root["per_query_ap"] = Object(card.Tasks, t => t.Task.Name,
                t => new JsonArray(t.PerQueryAveragePrecision.Select(v => (JsonNode?)v).ToArray()));
        return root;
    }

    public static void Write(string path, CrossMediaScoreCard card, bool includePerClass = false, bool includePerQuery = false) =>
        AtomicFile.WriteAllText(path, ToJson(card, includePerClass, includePerQuery).ToJsonString(Indented) + "\n");

    private static JsonObject ByK(IReadOnlyDictionary<int, double> values) =>
        Object(values, kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value);

    private static JsonObject Object<T>(IEnumerable<T> items, Func<T, string> key, Func<T, JsonNode?> value) =>
        new(items.Select(i => KeyValuePair.Create(key(i), value(i))));
}
