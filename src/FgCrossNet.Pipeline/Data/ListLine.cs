namespace FgCrossNet.Data;

/// <summary>What can be wrong with one line of a list file.</summary>
public enum ListLineProblemKind
{
    WrongFieldCount,
    NonIntegerLabel,
    LabelOutOfRange,
    PathEscapesRoot,
}

/// <summary>Why a list line was refused: the kind and a message for the user.</summary>
public sealed record ListLineProblem(ListLineProblemKind Kind, string Message);

/// <summary>One parsed line of a list file: an entry, or the problem that kept it from being one.</summary>
public sealed record ListLine(int Line, ListEntry? Entry, ListLineProblem? Problem)
{
    internal static ListLine Bad(int line, ListLineProblemKind kind, string message) => new(line, null, new ListLineProblem(kind, message));
}
