using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core.Statistics;

namespace FgCrossNet.Evaluation;

/// <summary>The MAP of one retrieval task, with its confidence interval when one was computed.</summary>
public sealed record TaskMapScore(RetrievalTask Task, double Map, ConfidenceInterval? Interval = null)
{
    public static TaskMapScore From(TaskScores scores) => new(scores.Task, scores.Map, scores.MapInterval);

    /// <summary>The 12 bi-modal scores of <paramref name="card"/> in the paper's order.</summary>
    public static IReadOnlyList<TaskMapScore> Bimodal(CrossMediaScoreCard card) => [.. card.Bimodal.Select(From)];

    /// <summary>The 4 multi-modal (X->All) scores of <paramref name="card"/> in the paper's order.</summary>
    public static IReadOnlyList<TaskMapScore> Multimodal(CrossMediaScoreCard card) => [.. card.Multimodal.Select(From)];
}
