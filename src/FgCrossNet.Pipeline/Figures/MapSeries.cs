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
}
