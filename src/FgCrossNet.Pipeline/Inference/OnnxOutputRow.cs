using FgCrossNet.Export;
using FgCrossNet.Model;
using Microsoft.ML.Data;

namespace FgCrossNet.Inference;

/// <summary>
/// What the ML.NET pipelines read back from an FGCrossNet export for one item: its three outputs, and the problem
/// passed along when the item could not be read.
/// </summary>
public sealed class OnnxOutputRow
{
    /// <summary>The outputs the pipelines request, in this order.</summary>
    public static readonly string[] Columns = [FgCrossNetOnnxNames.Features, FgCrossNetOnnxNames.Logits, FgCrossNetOnnxNames.Embedding];

    [ColumnName(FgCrossNetOnnxNames.Features)]
    public float[] Features { get; set; } = [];

    [ColumnName(FgCrossNetOnnxNames.Logits)]
    public float[] Logits { get; set; } = [];

    [ColumnName(FgCrossNetOnnxNames.Embedding)]
    public float[] Embedding { get; set; } = [];

    public string Problem { get; set; } = "";

    /// <summary>The item's result with <paramref name="feature"/> as its retrieval feature.</summary>
    public ItemFeatures ToItem(RetrievalFeature feature) => Problem.Length > 0
        ? new ItemFeatures(null, Problem)
        : new ItemFeatures(feature switch
        {
            RetrievalFeature.Softmax => Features,
            RetrievalFeature.Logits => Logits,
            _ => Embedding,
        }, null, Logits);
}
