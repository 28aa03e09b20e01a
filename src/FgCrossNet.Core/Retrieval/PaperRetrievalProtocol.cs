namespace FgCrossNet.Core.Retrieval;

/// <summary>The evaluation protocol of the FGCrossNet paper (ACM MM 2019): which tasks, in which order, and how averaged.</summary>
public static class PaperRetrievalProtocol
{
    /// <summary>The 12 bi-modal tasks in the paper's column order: I->T, I->A, I->V, T->I, T->A, T->V, A->I, A->T, A->V, V->I, V->T, V->A.</summary>
    public static IReadOnlyList<RetrievalTask> BimodalTasks { get; } =
        [.. from q in Media.All from g in Media.All where q != g select new RetrievalTask(q, g)];

    /// <summary>The 4 multi-modal tasks: I->All, T->All, A->All, V->All (gallery = all four media stacked).</summary>
    public static IReadOnlyList<RetrievalTask> MultimodalTasks { get; } = [.. Media.All.Select(q => new RetrievalTask(q, null))];

    /// <summary>Within-medium tasks (I->I, ...): not in the paper, reported as extras.</summary>
    public static IReadOnlyList<RetrievalTask> WithinMediumTasks { get; } = [.. Media.All.Select(q => new RetrievalTask(q, q))];

    /// <summary>Name of the mean MAP over the 12 bi-modal tasks in results files.</summary>
    public const string BimodalAverageKey = "bimodal_avg";

    /// <summary>Name of the mean MAP over the 4 multi-modal tasks in results files.</summary>
    public const string MultimodalAverageKey = "multimodal_avg";
}
