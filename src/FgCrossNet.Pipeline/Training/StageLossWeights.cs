namespace FgCrossNet.Training;

/// <summary>
/// Weights of the three losses in one stage: total = classification·CE + center·center loss + ranking·quadruplet
/// loss, with the ranking margins m1 (anchor-positive vs anchor-negative) and m2 (anchor-positive vs negative pair).
/// </summary>
public sealed record StageLossWeights(double Classification, double Center, double Ranking, double RankingMargin1 = 1.0, double RankingMargin2 = 0.5)
{
    public static StageLossWeights From(StageConfig stage) =>
        new(stage.ClassificationWeight, stage.CenterWeight, stage.RankingWeight, stage.RankingMargin1, stage.RankingMargin2);
}
