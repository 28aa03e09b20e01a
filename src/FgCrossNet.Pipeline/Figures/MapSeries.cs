using FgCrossNet.Evaluation;

namespace FgCrossNet.Figures;

/// <summary>
/// One method's MAP scores for a set of tasks, as a row of a <see cref="MapTable"/> or a series of a <see cref="MapBarChart"/>.
/// </summary>
/// <param name="Name">The method, as the legend or table shows it.</param>
/// <param name="Scores">Its scores (tasks without a score are left empty).</param>
/// <param name="Average">The average to report; null for the mean of <paramref name="Scores"/> (published tables round differently).</param>
public sealed record MapSeries(string Name, IReadOnlyList<TaskMapScore> Scores, double? Average = null)
{
    /// <summary>The reported average: <see cref="Average"/>, or the mean of the scores.</summary>
    public double ReportedAverage => Average ?? (Scores.Count == 0 ? 0 : Scores.Average(s => s.Map));

    /// <summary>The paper's published scores of the same tasks as <paramref name="like"/>, with the paper's average when the tasks are exactly its 12 or 4.</summary>
    public static MapSeries Published(IEnumerable<TaskMapScore> like)
    {
        var tasks = like.Select(s => s.Task).ToArray();
        double? average = tasks.SequenceEqual(Core.Retrieval.PaperRetrievalProtocol.BimodalTasks) ? PublishedMap.BimodalAverage2019
            : tasks.SequenceEqual(Core.Retrieval.PaperRetrievalProtocol.MultimodalTasks) ? PublishedMap.MultimodalAverage2019
            : null;
        return new MapSeries(PublishedMap.Label, PublishedMap.For(tasks), average);
    }

    /// <summary>
    /// One series per row of an ablation report (in the report's order, the base row's name marked "(base)"): each
    /// task's mean MAP over the row's seeds, without intervals, and the row's mean average when the tasks are exactly
    /// the paper's 12 or 4.
    /// </summary>
    public static IReadOnlyList<MapSeries> FromAblation(Experiments.AblationReport report, IReadOnlyList<Core.Retrieval.RetrievalTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(report);
        string? averageKey = tasks.SequenceEqual(Core.Retrieval.PaperRetrievalProtocol.BimodalTasks) ? Core.Retrieval.PaperRetrievalProtocol.BimodalAverageKey
            : tasks.SequenceEqual(Core.Retrieval.PaperRetrievalProtocol.MultimodalTasks) ? Core.Retrieval.PaperRetrievalProtocol.MultimodalAverageKey
            : null;
        return [.. report.Rows.Select(row => new MapSeries(
            row.IsBase ? $"{row.Label} (base)" : row.Label,
            [.. tasks.Select(t => new TaskMapScore(t, row.Scores.TryGetValue(t.Name, out var s) ? s.Mean : throw new ArgumentException($"the report has no score '{t.Name}'", nameof(tasks))))],
            averageKey is null ? null : row.Scores[averageKey].Mean))];
    }
}
