using System.Diagnostics;

namespace FgCrossNet.Pipeline.Tests;

/// <summary>Runs the real <c>fgcrossnet</c> executable (built next to the tests) the way a user does.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static Result Run(params string[] args) => RunWith(new Dictionary<string, string?>(), args);

    /// <summary>Runs it with these environment variables set (null: removed) on top of this process's.</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunProgram(Path.Combine(AppContext.BaseDirectory, "fgcrossnet"), environment, args);

    /// <summary>Runs any program to its end (at most 5 minutes), capturing its output.</summary>
    public static Result RunProgram(string program, IReadOnlyList<string> args) => RunProgram(program, new Dictionary<string, string?>(), args);

    /// <summary>Runs any program to its end (at most 5 minutes) with these environment variables, capturing its output.</summary>
    public static Result RunProgram(string program, IReadOnlyDictionary<string, string?> environment, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(true); throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', args)} did not finish"); }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The id of a process that has exited (for temporary files named after a killed writer).</summary>
    public static int DeadProcessId()
    {
        using var gone = Process.Start("true")!;
        gone.WaitForExit();
        return gone.Id;
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
