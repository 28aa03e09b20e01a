namespace FgCrossNet.Synthetic;

/// <summary>Items per class in the train and test splits.</summary>
public sealed record SplitCounts(int Train, int Test)
{
    public int Total => Train + Test;
}
