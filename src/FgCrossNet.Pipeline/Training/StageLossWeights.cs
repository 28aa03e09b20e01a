using FgCrossNet.Core.Losses;

namespace FgCrossNet.Training;

/// <summary>
/// Weights of the three losses in one stage: total = classification·CE + center·center loss + ranking·quadruplet
/// loss, with the quadruplet loss's margins (<see cref="QuadrupletRankingLossBase"/>).
/// </summary>
public sealed record StageLossWeights(double Classification, double Center, double Ranking, double AnchorNegativeMargin, double NegativePairMargin)
{
    /// <summary>The weights and margins a stage's config gives.</summary>
    public static StageLossWeights From(StageConfig stage) =>
        new(stage.ClassificationWeight, stage.CenterWeight, stage.RankingWeight, stage.AnchorNegativeMargin, stage.NegativePairMargin);
}
