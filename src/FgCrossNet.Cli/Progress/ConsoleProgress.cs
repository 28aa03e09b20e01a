using FgCrossNet.Progress;
using Spectre.Console;

namespace FgCrossNet.Cli.Progress;

/// <summary>A command's log lines and progress reports: where they go depends on where the output goes.</summary>
internal sealed record ConsoleOutput(Action<string> Log, Action<ProgressReport> Progress);

/// <summary>
/// Live progress rows (<see cref="TerminalProgressDisplay"/>) when standard output is an interactive terminal and not
/// CI (<c>CI</c> set to anything but <c>false</c>/<c>0</c>); otherwise log lines on standard output and
/// <see cref="PlainProgressWriter"/> lines on standard output or, for commands whose standard output is a report,
/// standard error.
/// </summary>
internal static class ConsoleProgress
{
    public static bool IsLive =>
        !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive &&
        Environment.GetEnvironmentVariable("CI") is null or "" or "false" or "0";

    public static T Run<T>(Func<ConsoleOutput, T> body, bool plainProgressToStandardError = false)
    {
        if (IsLive) return TerminalProgressDisplay.Run(AnsiConsole.Console, display => body(new ConsoleOutput(display.Log, display.Report)));
        var progressOut = plainProgressToStandardError ? Console.Error : Console.Out;
        var plain = new PlainProgressWriter(progressOut.WriteLine);
        return body(new ConsoleOutput(Console.WriteLine, plain.Report));
    }
}
