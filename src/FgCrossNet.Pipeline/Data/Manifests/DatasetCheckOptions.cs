namespace FgCrossNet.Data.Manifests;

/// <summary>Options of <see cref="DatasetCheck"/>.</summary>
public sealed record DatasetCheckOptions
{
    /// <summary>Decode every listed image and read every listed text (default); off, only lists and directory listings are read.</summary>
    public bool VerifyDecode { get; init; } = true;

    /// <summary>Threads for <see cref="VerifyDecode"/> (default: all cores).</summary>
    public int? Threads { get; init; }

    /// <summary>Receives the progress of the decoding (task <c>decoding</c>, in items), from worker threads one report at a time.</summary>
    public Action<FgCrossNet.Progress.ProgressReport>? Progress { get; init; }

    /// <summary>Report files in media folders that no list names. On by default.</summary>
    public bool ReportExtraFiles { get; init; } = true;

    /// <summary>Examples kept per problem kind (all are counted).</summary>
    public int ExamplesPerKind { get; init; } = 200;
}
