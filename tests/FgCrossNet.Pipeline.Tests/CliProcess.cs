using System.Diagnostics;

namespace FgCrossNet.Pipeline.Tests;

/// <summary>Runs the real <c>fgcrossnet</c> executable (built next to the tests) the way a user does.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static Result Run(params string[] args) => RunProgram(Path.Combine(AppContext.BaseDirectory, "fgcrossnet"), args);

    /// <summary>Runs any program with the given arguments (no shell) and collects its exit code and output.</summary>
    public static Result RunProgram(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(true); throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish"); }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A temporary folder deleted at the end of a test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fgx-test-" + Guid.NewGuid().ToString("N")[..12]);

    public string File(string relative)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
