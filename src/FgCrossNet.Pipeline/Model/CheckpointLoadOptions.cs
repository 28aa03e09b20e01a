namespace FgCrossNet.Model;

/// <summary>
/// Which differences between a checkpoint and the network <see cref="CheckpointLoader"/> accepts. Entries are matched by
/// name (after stripping <c>nn.DataParallel</c>'s <c>module.</c> prefix); a "top-level module" is the part of a name before
/// its first dot (<c>fc</c> in <c>fc.weight</c>). Whatever is not accepted is an error that names every offending key,
/// and then nothing is loaded.
/// </summary>
public sealed record CheckpointLoadOptions
{
    /// <summary>Every parameter and buffer must be in the checkpoint with its shape, and nothing else (the default).</summary>
    public static CheckpointLoadOptions Strict { get; } = new();

    /// <summary>
    /// A torchvision ImageNet ResNet (e.g. <c>resnet50-0676ba61.pth</c>) into <see cref="FgCrossNetModel"/>: its
    /// 1000-class <c>fc</c> is skipped, and the text branch (embed, conv01, conv02, conv0), which it lacks, keeps its
    /// initialisation.
    /// </summary>
    public static CheckpointLoadOptions ImageNetBackbone { get; } = new()
    {
        ExcludedModules = [FgCrossNetModel.ClassifierModule],
        OptionalModules = FgCrossNetModel.TextBranchModules,
    };

    /// <summary>Top-level modules whose checkpoint entries are not loaded (reported as <see cref="SkipReason.Excluded"/>; shapes are not checked).</summary>
    public IReadOnlyList<string> ExcludedModules { get; init; } = [];

    /// <summary>Top-level modules the checkpoint may lack (reported in <see cref="CheckpointLoadResult.Missing"/>).</summary>
    public IReadOnlyList<string> OptionalModules { get; init; } = [];

    /// <summary>When true, entries the network lacks are reported as <see cref="SkipReason.NotInNetwork"/> instead of being an error.</summary>
    public bool IgnoreUnexpectedKeys { get; init; }

    /// <summary>When true (the default), the prefix <c>module.</c> is removed if every key carries it (checkpoints saved from <c>nn.DataParallel</c>).</summary>
    public bool StripDataParallelPrefix { get; init; } = true;
}
