using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core;
using FgCrossNet.IO;

namespace FgCrossNet.Evaluation;

/// <summary>Where an evaluation writes its scores: <see cref="ScoreCardJson"/> at <paramref name="Path"/> (atomically).</summary>
/// <param name="Path">The <c>scores.json</c> file.</param>
/// <param name="PerClass">Also every task's MAP per class.</param>
/// <param name="PerQuery">Also every query's AP (what paired tests between runs need).</param>
public sealed record ScoresOutput(string Path, bool PerClass = true, bool PerQuery = true);

/// <summary>What <see cref="CrossMediaEvaluation.FromFolder"/> read and scored.</summary>
public sealed record FolderEvaluation(IReadOnlyList<MediumFeatures> Features, CrossMediaScoreCard Card);

/// <summary>
/// The one way features become scores: features (a folder in the <see cref="FeatureFolder"/> layout, or in memory)
/// and an <see cref="EvaluationProtocol"/> give a <see cref="CrossMediaScoreCard"/> and, when asked, its
/// <c>scores.json</c>. Readers (reports, figures, notebooks) read that file back with <see cref="ScoreCardJson.Read"/>
/// instead of scoring again.
/// </summary>
public static class CrossMediaEvaluation
{
    /// <summary>Scores features held in memory.</summary>
    public static CrossMediaScoreCard FromFeatures(IReadOnlyList<MediumFeatures> features, EvaluationProtocol protocol,
        ScoresOutput? output = null, int? threads = null)
    {
        var card = protocol.Evaluate(features, threads);
        if (output is not null) ScoreCardJson.Write(output.Path, card, output.PerClass, output.PerQuery);
        return card;
    }

    /// <summary>
    /// Loads the protocol's media from <paramref name="featuresDir"/> (labels from <paramref name="labelsDir"/>, default
    /// the same folder) and scores them. <paramref name="log"/> gets what was read, <paramref name="warn"/> any medium
    /// with all-zero feature rows (their cosine is undefined).
    /// </summary>
    public static FolderEvaluation FromFolder(string featuresDir, EvaluationProtocol protocol, ScoresOutput? output = null,
        string? labelsDir = null, int? threads = null, Action<string>? log = null, Action<string>? warn = null)
    {
        var features = FeatureFolder.Load(featuresDir, labelsDir ?? featuresDir, protocol.Media);
        foreach (var m in features)
        {
            var file = FeatureFolder.FeatureFile(featuresDir, m.Medium);
            log?.Invoke($"{m.Medium.FolderName(),-6} {m.Count,6} items x {m.Features.Dimension} from {file}");
            if (m.Features.ZeroRowCount() is > 0 and var zero)
                warn?.Invoke($"warning: {zero} of {m.Count} {m.Medium.FolderName()} feature rows are all zero ({file}): " +
                             "their cosine is undefined, so they have similarity 0 with every item (as queries they rank the gallery by index)");
        }
        return new FolderEvaluation(features, FromFeatures(features, protocol, output, threads));
    }
}
