namespace FgCrossNet.Data.Audio;

/// <summary>What <see cref="AudioPreparation"/> did.</summary>
/// <param name="Converted">Recordings turned into images.</param>
/// <param name="Train">Of those, how many went to the train list.</param>
/// <param name="Test">Of those, how many went to the test list.</param>
/// <param name="Skipped">Recordings that could not be read, in path order.</param>
/// <param name="Ignored">Files that were not taken as recordings (other extensions, or outside a class folder).</param>
public sealed record AudioPreparationResult(int Converted, int Train, int Test, IReadOnlyList<SkippedRecording> Skipped, int Ignored = 0);
