using System.Globalization;
using System.Text;
using FgCrossNet.Core.Retrieval;

namespace FgCrossNet.Evaluation;

/// <summary>The paper's two tables (bi-modal tasks + average; multi-modal tasks + average) as Markdown.</summary>
public static class ScoreTables
{
    public static string Bimodal(CrossMediaScoreCard card) =>
        Table(card.Bimodal.ToArray(), card.BimodalAverage, "Bi-modal MAP (query->gallery)");

    public static string Multimodal(CrossMediaScoreCard card) =>
        Table(card.Multimodal.ToArray(), card.MultimodalAverage, "Multi-modal MAP (query->all media)");

    private static string Table(TaskScores[] tasks, double average, string title)
    {
        var sb = new StringBuilder();
        sb.Append("| ").Append(title).Append(" | ").AppendJoin(" | ", tasks.Select(t => t.Task.Name)).AppendLine(" | Avg |");
        sb.Append("|---|").Append(string.Concat(Enumerable.Repeat("---|", tasks.Length + 1))).AppendLine();
        sb.Append("| MAP | ").AppendJoin(" | ", tasks.Select(t => ScoreFormat.Score(t.Map))).Append(" | ").Append(ScoreFormat.Score(average)).AppendLine(" |");
        if (tasks.Length > 0 && tasks[0].MapInterval is { } first)
        {
            var label = $"{first.Level * 100:0.#}% CI";
            sb.Append("| ").Append(label).Append(" | ")
              .AppendJoin(" | ", tasks.Select(t => t.MapInterval is { } ci ? $"{ScoreFormat.Score(ci.Low)}-{ScoreFormat.Score(ci.High)}" : ""))
              .AppendLine(" | |");
        }
        return sb.ToString();
    }

}
