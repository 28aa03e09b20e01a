namespace FgCrossNet.Core.Retrieval;

/// <summary>
/// The paper's score table for a set of media: MAP of the 12 bi-modal and 4 multi-modal tasks (those whose media are
/// present), their averages, and the within-medium tasks as extras, each with the full <see cref="TaskScores"/>.
/// </summary>
public sealed class CrossMediaScoreCard
{
    private CrossMediaScoreCard(IReadOnlyList<TaskScores> tasks, bool excludeSelf, ScoreOptions options)
    {
        Tasks = tasks;
        ExcludeSelf = excludeSelf;
        Options = options;
    }

    /// <summary>Bi-modal, then multi-modal, then within-medium tasks, each in the paper's order.</summary>
    public IReadOnlyList<TaskScores> Tasks { get; }

    public bool ExcludeSelf { get; }

    public ScoreOptions Options { get; }

    public IEnumerable<TaskScores> Bimodal => Tasks.Where(t => t.Task.IsBimodal);

    public IEnumerable<TaskScores> Multimodal => Tasks.Where(t => t.Task.IsMultimodal);

    /// <summary>Mean MAP of the bi-modal tasks present (the paper's 12-task average when all four media are present).</summary>
    public double BimodalAverage => Bimodal.Select(t => t.Map).DefaultIfEmpty(0).Average();

    /// <summary>Mean MAP of the multi-modal tasks present (the paper's 4-task average when all four media are present).</summary>
    public double MultimodalAverage => Multimodal.Select(t => t.Map).DefaultIfEmpty(0).Average();

    public TaskScores this[RetrievalTask task] => Tasks.First(t => t.Task == task);

    /// <summary>The protocol these scores were computed with (media: those of the tasks).</summary>
    public EvaluationProtocol Protocol => new()
    {
        ExcludeSelf = ExcludeSelf,
        Media = [.. Media.All.Where(m => Tasks.Any(t => t.Task.Query == m))],
        Ks = Options.Ks,
        BootstrapResamples = Options.BootstrapResamples,
        ConfidenceLevel = Options.ConfidenceLevel,
        Seed = Options.Seed,
    };

    /// <summary>A card of scores computed earlier (read back from a results file), in the order of <see cref="Tasks"/>.</summary>
    public static CrossMediaScoreCard FromTasks(IReadOnlyList<TaskScores> tasks, bool excludeSelf, ScoreOptions options) =>
        new(tasks, excludeSelf, options);

    public static CrossMediaScoreCard Compute(CrossMediaRankings rankings, ScoreOptions? options = null)
    {
        options ??= ScoreOptions.Default;
        var order = PaperRetrievalProtocol.BimodalTasks
            .Concat(PaperRetrievalProtocol.MultimodalTasks)
            .Concat(PaperRetrievalProtocol.WithinMediumTasks)
            .Where(rankings.Tasks.ContainsKey)
            .ToArray();
        var scores = new TaskScores[order.Length];
        Parallel.For(0, order.Length, i => scores[i] = TaskScores.Compute(order[i], rankings[order[i]], options));
        return new CrossMediaScoreCard(scores, rankings.ExcludeSelf, options);
    }
}
