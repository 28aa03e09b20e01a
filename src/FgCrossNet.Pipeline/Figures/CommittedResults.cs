using System.Text.Json.Nodes;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.Evaluation;

namespace FgCrossNet.Figures;

/// <summary>
/// The committed results page's report (<c>docs/results-report.json</c>, the <c>report.json</c> of the grid
/// <c>data-manifests/ablations/cpu-recipes.yaml</c>, written by <c>docs/results.sh</c>), embedded at build time so that
/// a report can show measured rows that it does not rerun.
/// </summary>
public static class CommittedResults
{
    private const string ResourceName = "FgCrossNet.Figures.results-report.json";

    /// <summary>The report's base row (cpu-paper with softmax features) over <paramref name="tasks"/>, or null when no results are committed.</summary>
    public static MapSeries? BaseRow(IReadOnlyList<RetrievalTask> tasks, string name)
    {
        using var stream = typeof(CommittedResults).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null) return null;
        var report = JsonNode.Parse(stream)!;
        var row = (report["rows"] as JsonArray)?.FirstOrDefault(r => (bool?)r?["is_base"] == true);
        if (row?["scores"] is not JsonObject scores) return null;
        string? averageKey = tasks.SequenceEqual(PaperRetrievalProtocol.BimodalTasks) ? PaperRetrievalProtocol.BimodalAverageKey
            : tasks.SequenceEqual(PaperRetrievalProtocol.MultimodalTasks) ? PaperRetrievalProtocol.MultimodalAverageKey : null;
        double Mean(string key) => (double?)scores[key]?["mean"] ?? throw new InvalidDataException($"{ResourceName}: no score '{key}'");
        return new MapSeries(name, [.. tasks.Select(t => new TaskMapScore(t, Mean(t.Name)))], averageKey is null ? null : Mean(averageKey));
    }
}
