using FgCrossNet.Inference;
using FgCrossNet.Model;

namespace FgCrossNet.Pipeline.Tests.Inference;

public class VideoFeaturePoolingTests
{
    // Two frames of a 2-class video: logits (0, 0) and (2, 0). Mean logits (1, 0), softmax (e/(e+1), 1/(e+1)) =
    // (0.731059, 0.268941). The frames' softmax scores are (0.5, 0.5) and (0.880797, 0.119203): their mean is
    // (0.690399, 0.309601), a different feature.
    private static readonly ItemFeatures[] Frames =
    [
        new([0.5f, 0.5f], null, [0f, 0f]),
        new([0.880797f, 0.119203f], null, [2f, 0f]),
    ];

    [Fact]
    public void MeanLogitsIsTheSoftmaxOfTheMeanLogits()
    {
        var pooled = VideoFeaturePooling.Pool(VideoPooling.MeanLogits, Frames);
        Assert.Equal(Math.E / (Math.E + 1), pooled[0], 6);
        Assert.Equal(1 / (Math.E + 1), pooled[1], 6);
    }

    [Fact]
    public void MeanScoresIsTheMeanOfTheSoftmaxScores()
    {
        var pooled = VideoFeaturePooling.Pool(VideoPooling.MeanScores, Frames);
        // Of the float32 inputs as stored, in float64, rounded once to float32.
        Assert.Equal((float)((0.5 + (double)0.880797f) / 2), pooled[0]);
        Assert.Equal((float)((0.5 + (double)0.119203f) / 2), pooled[1]);
    }

    [Fact]
    public void MeanLogitsWithoutLogitsIsAnError() =>
        Assert.Throws<ArgumentException>(() => VideoFeaturePooling.Pool(VideoPooling.MeanLogits, [new ItemFeatures([1f], null)]));
}
