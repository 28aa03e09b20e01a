using FgCrossNet.Core;

namespace FgCrossNet.Data.Manifests;

/// <summary>What <see cref="DatasetCheck"/> found for one medium.</summary>
/// <param name="Medium">The medium.</param>
/// <param name="TrainEntries">Lines read from train.txt (null when absent).</param>
/// <param name="TestEntries">Lines read from test.txt (null when absent).</param>
/// <param name="TestItems">Test items: entries, or videos for video (null when test.txt is absent).</param>
/// <param name="ExpectedTestItems">The manifest's test item count (null without a manifest).</param>
/// <param name="FilesOnDisk">Files found under the medium's folder.</param>
public sealed record MediumCheckSummary(Medium Medium, int? TrainEntries, int? TestEntries, int? TestItems, int? ExpectedTestItems, int FilesOnDisk);
