namespace FgCrossNet.Data.Manifests;

/// <summary>Options of <see cref="DatasetCheck"/>.</summary>
public sealed record DatasetCheckOptions
{
    /// <summary>Decode every image and read every text (slow on the full dataset: minutes).</summary>
    public bool VerifyDecode { get; init; }

    /// <summary>Threads for <see cref="VerifyDecode"/> (default: all cores).</summary>
    public int? Threads { get; init; }

    /// <summary>Report files in media folders that no list names. On by default.</summary>
    public bool ReportExtraFiles { get; init; } = true;

    /// <summary>Examples kept per problem kind (all are counted).</summary>
    public int ExamplesPerKind { get; init; } = 200;
}
