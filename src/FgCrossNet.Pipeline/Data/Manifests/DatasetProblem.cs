namespace FgCrossNet.Data.Manifests;

/// <summary>One problem found by <see cref="DatasetCheck"/>: the file (and 1-based line) it is about, and what is wrong.</summary>
public sealed record DatasetProblem(DatasetProblemKind Kind, string Message, string? File = null, int? Line = null)
{
    public override string ToString() =>
        File is null ? Message : Line is { } l ? $"{File}:{l}: {Message}" : $"{File}: {Message}";
}
