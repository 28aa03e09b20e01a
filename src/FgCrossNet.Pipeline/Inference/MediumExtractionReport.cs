using FgCrossNet.Core;

namespace FgCrossNet.Inference;

/// <summary>
/// The outcome for one medium: <see cref="Rows"/> items written (videos for video), <see cref="Skipped"/> items left
/// out with their problems (a file path and what is wrong; for video, its unreadable frames and the videos none of whose frames could be read), and whether it was already done by an earlier run.
/// For video, <see cref="SkippedFrames"/> counts the sampled frames that could not be read.
/// </summary>
public sealed record MediumExtractionReport(Medium Medium, int Rows, IReadOnlyList<SkippedItem> Skipped, int SkippedFrames, bool AlreadyDone, TimeSpan Elapsed);

