using FgCrossNet.Core.Retrieval;

namespace FgCrossNet.Evaluation;

/// <summary>
/// MAP scores published for the reference implementation of FGCrossNet (ACM MM 2019) on the official FG-XMedia test
/// split: softmax features, cosine distance, full ranking (the paper's two tables).
/// </summary>
public static class PublishedMap
{
    /// <summary>Label of these numbers in figures and tables.</summary>
    public const string Label = "FGCrossNet (paper)";

    /// <summary>The 12 bi-modal and 4 multi-modal scores, keyed by task name ("I->T", ..., "V->All").</summary>
    public static IReadOnlyDictionary<string, double> FgCrossNet2019 { get; } = new Dictionary<string, double>
    {
        ["I->T"] = 0.210, ["I->A"] = 0.526, ["I->V"] = 0.606,
        ["T->I"] = 0.255, ["T->A"] = 0.181, ["T->V"] = 0.208,
        ["A->I"] = 0.553, ["A->T"] = 0.159, ["A->V"] = 0.443,
        ["V->I"] = 0.629, ["V->T"] = 0.195, ["V->A"] = 0.437,
        ["I->All"] = 0.549, ["T->All"] = 0.196, ["A->All"] = 0.485, ["V->All"] = 0.416,
    };

    /// <summary>The paper's averages: 0.366 over the 12 bi-modal tasks, 0.412 over the 4 multi-modal ones.</summary>
    public static double BimodalAverage2019 => 0.366;

    /// <inheritdoc cref="BimodalAverage2019"/>
    public static double MultimodalAverage2019 => 0.412;

    /// <summary>The published scores of <paramref name="tasks"/>, in their order, as <see cref="TaskMapScore"/>s without intervals.</summary>
    public static IReadOnlyList<TaskMapScore> For(IEnumerable<RetrievalTask> tasks) =>
        [.. tasks.Select(t => new TaskMapScore(t, FgCrossNet2019[t.Name]))];
}
