namespace FgCrossNet.IO;

/// <summary>
/// Bad input from a user's file: the message names the file (and the 1-based line when there is one) and says what is
/// wrong. The command line prints the message without a stack trace and exits with a non-zero code.
/// </summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(string path, int? line, string problem)
        : base(line is { } l ? $"{path}:{l}: {problem}" : $"{path}: {problem}")
    {
        Path = path;
        Line = line;
        Problem = problem;
    }

    public InvalidInputException(string path, string problem) : this(path, null, problem) { }

    public string Path { get; }

    public int? Line { get; }

    public string Problem { get; }
}
