using FgCrossNet.Core.Losses;

namespace FgCrossNet.Training;

/// <summary>
/// Weights of the three losses in one stage: total = classification·CE + center·center loss + ranking·quadruplet
/// loss, with the quadruplet loss's margins (<see cref="QuadrupletRankingLossBase"/>: m1 and m2 of the paper).
/// </summary>
public sealed record StageLossWeights(
    double Classification, double Center, double Ranking,
    double AnchorNegativeMargin = QuadrupletRankingLossBase.DefaultAnchorNegativeMargin,
    double NegativePairMargin = QuadrupletRankingLossBase.DefaultNegativePairMargin)
{
    public static StageLossWeights From(StageConfig stage) =>
        new(stage.ClassificationWeight, stage.CenterWeight, stage.RankingWeight, stage.RankingMargin1, stage.RankingMargin2);
}
