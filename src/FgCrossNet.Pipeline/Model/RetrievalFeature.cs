namespace FgCrossNet.Model;

/// <summary>What an item's retrieval feature is (ranked by cosine distance, so its scale does not matter).</summary>
public enum RetrievalFeature
{
    /// <summary>The softmax of the logits over the C classes: the reference's (<c>test.py</c>).</summary>
    Softmax,

    /// <summary>The logits [C], before softmax.</summary>
    Logits,

    /// <summary>The pooled penultimate features [D] (the input of <c>fc</c>); under cosine distance, their L2-normalised form.</summary>
    Embedding,
}
