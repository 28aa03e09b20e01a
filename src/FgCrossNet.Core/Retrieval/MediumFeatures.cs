namespace FgCrossNet.Core.Retrieval;

/// <summary>The features and labels of one medium's items (one row and one label per item, in list order).</summary>
public sealed record MediumFeatures(Medium Medium, FeatureMatrix Features, int[] Labels)
{
    public int Count => Features.Rows;
}
