namespace FgCrossNet.Data.Loading;

/// <summary>Which part of a text file is encoded.</summary>
public enum TextLineMode
{
    /// <summary>The whole file, its lines joined with one space (default).</summary>
    WholeFile,

    /// <summary>
    /// Only the last line, as the reference implementation does (it loops over the file's lines and keeps the last);
    /// a final empty line after a blank line counts as the last line, a trailing newline does not.
    /// </summary>
    LastLineOnly,
}
