using System.Diagnostics.CodeAnalysis;

namespace FgCrossNet.Inference;

/// <summary>The feature of one item (softmax scores, C values), or why the item could not be read (<see cref="Problem"/>; features null).</summary>
public readonly record struct ItemFeatures(float[]? Features, string? Problem)
{
    [MemberNotNullWhen(true, nameof(Features))]
    public bool IsValid => Features is not null;
}
