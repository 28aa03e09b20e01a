namespace FgCrossNet.Data;

/// <summary>One line of a list file: a path relative to the dataset root, and a 0-based class label.</summary>
/// <param name="RelativePath">Forward-slash path relative to the dataset root, e.g. <c>image/001.Black_footed_Albatross/x.jpg</c>.</param>
/// <param name="Label">0-based class label.</param>
/// <param name="Line">1-based line number in the list file it came from (0 when built in code).</param>
public sealed record ListEntry(string RelativePath, int Label, int Line = 0);
