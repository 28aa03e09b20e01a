using System.Text.Json.Nodes;
using FgCrossNet.Core;

namespace FgCrossNet.Training;

/// <summary>
/// One line of <c>metrics.jsonl</c>: the stage and its 1-based epoch, learning rate, mean unweighted losses over the
/// epoch's steps (classification, center, ranking; 0 when not computed) and the mean weighted total, the mean share of
/// positive quadruplets (null when the ranking loss is off), validation accuracy per medium in [0, 1]
/// (<c>val_acc_image</c>, ...), MAP per task when computed (<c>val_map_i_t</c>, ..., <c>val_map_i_all</c>,
/// <c>val_map_bimodal_avg</c>, <c>val_map_multimodal_avg</c>), training items per second (rows through the network per
/// second of training, excluding validation) and the epoch's wall time in seconds (training plus validation).
/// </summary>
public sealed record EpochRecord(
    int Stage,
    int Epoch,
    double LearningRate,
    double LossClassification,
    double LossCenter,
    double LossRanking,
    double LossTotal,
    double? RankingPositiveFraction,
    ValidationResult Validation,
    double ItemsPerSecond,
    double Seconds)
{
    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["stage"] = Stage,
            ["epoch"] = Epoch,
            ["lr"] = LearningRate,
            ["loss_classification"] = LossClassification,
            ["loss_center"] = LossCenter,
            ["loss_ranking"] = LossRanking,
            ["loss_total"] = LossTotal,
            ["ranking_positive_fraction"] = RankingPositiveFraction,
        };
        foreach (var (medium, accuracy) in Validation.Accuracy.OrderBy(kv => kv.Key))
            o[$"val_acc_{medium.FolderName()}"] = accuracy;
        o["val_acc_mean"] = Validation.MeanAccuracy;
        if (Validation.Map is { } map)
        {
            foreach (var (task, value) in map)
                o[$"val_map_{MapKey(task)}"] = value;
            o["val_map_bimodal_avg"] = Validation.BimodalAverage;
            o["val_map_multimodal_avg"] = Validation.MultimodalAverage;
        }
        o["items_per_second"] = ItemsPerSecond;
        o["seconds"] = Seconds;
        return o;
    }

    /// <summary>"I->T" → "i_t", "I->All" → "i_all".</summary>
    public static string MapKey(string taskName) => taskName.Replace("->", "_", StringComparison.Ordinal).ToLowerInvariant();
}
