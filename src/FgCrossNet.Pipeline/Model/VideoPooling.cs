namespace FgCrossNet.Model;

/// <summary>How the per-frame outputs of a video become the video's retrieval feature.</summary>
public enum VideoPooling
{
    /// <summary>
    /// The reference's: the mean of the frames' logits, then softmax (<c>test.py</c> averages the network's outputs
    /// over the frames and applies softmax to the average).
    /// </summary>
    MeanLogits,

    /// <summary>Ours: the mean of the frames' softmax scores.</summary>
    MeanScores,
}
