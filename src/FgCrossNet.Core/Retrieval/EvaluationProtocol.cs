namespace FgCrossNet.Core.Retrieval;

/// <summary>
/// How features become scores. Every query item of a medium ranks a gallery (one medium, or all media stacked image,
/// text, audio, video for the X->All tasks) by cosine distance, the whole gallery, ties by gallery index; a query's
/// AP is the mean precision at the ranks of its relevant (same-label) items, a task's MAP the mean AP over its queries
/// (<see cref="PaperRetrievalProtocol"/> lists the tasks). The paper keeps a query's own item in the galleries that
/// contain it; <see cref="ExcludeSelf"/> leaves it out. With <see cref="BootstrapResamples"/> &gt; 0 each MAP gets a
/// percentile bootstrap interval over queries.
/// </summary>
public sealed record EvaluationProtocol
{
    /// <summary>The paper's protocol: all four media, own item kept, no intervals.</summary>
    public static EvaluationProtocol Paper { get; } = new();

    /// <summary>The media evaluated (the others are ignored); canonical order.</summary>
    public IReadOnlyList<Medium> Media { get; init; } = Core.Media.All;

    /// <summary>Leave each query's own item out of the galleries that contain it (not the paper's protocol).</summary>
    public bool ExcludeSelf { get; init; }

    /// <summary>The K values of Precision@K and Recall@K.</summary>
    public int[] Ks { get; init; } = ScoreOptions.Default.Ks;

    /// <summary>Bootstrap resamples of the MAP intervals (0: no intervals).</summary>
    public int BootstrapResamples { get; init; }

    /// <summary>Two-sided level of the intervals.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Seed of the bootstrap.</summary>
    public int Seed { get; init; }

    public ScoreOptions ScoreOptions => new(Ks, BootstrapResamples, ConfidenceLevel, Seed);

    /// <summary>The protocol in one sentence, as results files and printed tables state it.</summary>
    public string Description =>
        "cosine distance, whole gallery ranked, ties by gallery index; query's own item " +
        (ExcludeSelf ? "EXCLUDED from" : "INCLUDED in") + " X->All and within-medium galleries" + (ExcludeSelf ? "" : " (paper)") +
        (BootstrapResamples > 0 ? $"; {ConfidenceLevel * 100:0.#}% percentile bootstrap intervals over queries ({BootstrapResamples} resamples, seed {Seed})" : "");

    /// <summary>Every task's ranking of <paramref name="features"/> (those of <see cref="Media"/>).</summary>
    public CrossMediaRankings Rank(IReadOnlyList<MediumFeatures> features, int? threads = null) =>
        CrossMediaRankings.Compute([.. features.Where(f => Media.Contains(f.Medium))], ExcludeSelf, threads);

    /// <summary>The scores of rankings made by <see cref="Rank"/>.</summary>
    public CrossMediaScoreCard Score(CrossMediaRankings rankings) => CrossMediaScoreCard.Compute(rankings, ScoreOptions);

    /// <summary>Ranks and scores <paramref name="features"/>.</summary>
    public CrossMediaScoreCard Evaluate(IReadOnlyList<MediumFeatures> features, int? threads = null) => Score(Rank(features, threads));
}
