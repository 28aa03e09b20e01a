using System.Diagnostics.CodeAnalysis;

namespace FgCrossNet.Inference;

/// <summary>
/// The feature of one item (softmax scores, C values) and the logits they are the softmax of, or why the item could
/// not be read (<see cref="Problem"/>; features and logits null).
/// </summary>
public readonly record struct ItemFeatures(float[]? Features, string? Problem, float[]? Logits = null)
{
    [MemberNotNullWhen(true, nameof(Features))]
    public bool IsValid => Features is not null;
}
