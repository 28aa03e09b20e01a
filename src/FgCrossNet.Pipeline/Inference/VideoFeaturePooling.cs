using FgCrossNet.Model;

namespace FgCrossNet.Inference;

/// <summary>A video's feature from its frames' results (<see cref="VideoPooling"/>), as training's validation pools them.</summary>
public static class VideoFeaturePooling
{
    /// <summary>
    /// The video's <paramref name="feature"/> from its readable <paramref name="frames"/> (each with its retrieval
    /// feature and logits). <see cref="VideoPooling.MeanLogits"/> (the reference): softmax of the mean of the frames'
    /// logits for softmax features, the mean logits for logit features, the mean embedding for embeddings;
    /// <see cref="VideoPooling.MeanScores"/>: the mean of the frames' features. Means are taken in float64.
    /// </summary>
    public static float[] Pool(VideoPooling pooling, IReadOnlyList<ItemFeatures> frames, RetrievalFeature feature = RetrievalFeature.Softmax)
    {
        if (frames.Count == 0) throw new ArgumentException("a video needs at least one readable frame", nameof(frames));
        bool fromLogits = pooling == VideoPooling.MeanLogits && feature == RetrievalFeature.Softmax;
        var source = frames.Select(f => fromLogits
            ? f.Logits ?? throw new ArgumentException("mean_logits pooling needs the frames' logits", nameof(frames))
            : f.Features ?? throw new ArgumentException("a frame without features", nameof(frames))).ToArray();
        int classes = source[0].Length;
        var mean = new double[classes];
        foreach (var row in source)
            for (int k = 0; k < classes; k++) mean[k] += row[k];
        for (int k = 0; k < classes; k++) mean[k] /= source.Length;
        return fromLogits ? Softmax(mean) : [.. mean.Select(v => (float)v)];
    }

    private static float[] Softmax(double[] logits)
    {
        double max = logits.Max();
        var e = logits.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return [.. e.Select(v => (float)(v / sum))];
    }
}
