using System.Diagnostics;

namespace FgCrossNet.Export;

/// <summary>What the official checker said about a file: whether it passed, and its output (or why it could not run).</summary>
public sealed record OnnxCheckerVerdict(string Path, bool Ran, bool Passed, string Output)
{
    public override string ToString() => !Ran ? $"not checked: {Output}" : Passed ? $"passed: {Output}" : $"REJECTED: {Output}";
}

/// <summary>
/// The official ONNX checker, <c>onnx.checker.check_model(model, full_check=True)</c> (which also runs shape inference),
/// run by the system Python (<see cref="Python"/>, Debian's <c>python3-onnx</c>, which <c>environment/setup.sh</c>
/// installs) in a child process. Optional: <see cref="IsAvailable"/> says whether that Python imports <c>onnx</c>.
/// </summary>
public static class OnnxChecker
{
    public const string Python = "/usr/bin/python3";

    private const int NoOnnxExitCode = 3;

    private const string Script =
        "import sys\n" +
        "try:\n import onnx\n" +
        "except ImportError:\n print('the onnx module is not installed'); sys.exit(3)\n" +
        "m = onnx.load(sys.argv[1])\n" +
        "onnx.checker.check_model(m, full_check=True)\n" +
        "print(f'checked ir_version={m.ir_version} opset={m.opset_import[0].version} (onnx {onnx.__version__})')\n";

    private static readonly Lazy<bool> Available = new(() =>
        File.Exists(Python) && RunPython(["-c", "import onnx"], TimeSpan.FromMinutes(1)).ExitCode == 0);

    /// <summary>Whether <see cref="Python"/> exists and imports <c>onnx</c> (asked once per process).</summary>
    public static bool IsAvailable => Available.Value;

    /// <summary>Checks <paramref name="path"/>; a missing Python or onnx module gives a verdict with <see cref="OnnxCheckerVerdict.Ran"/> false.</summary>
    public static OnnxCheckerVerdict Check(string path, TimeSpan? timeout = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(Python)) return new OnnxCheckerVerdict(full, false, false, $"{Python} not found (environment/setup.sh installs python3-onnx)");
        var (exitCode, output) = RunPython(["-c", Script, full], timeout ?? TimeSpan.FromMinutes(2));
        return exitCode == NoOnnxExitCode
            ? new OnnxCheckerVerdict(full, false, false, $"{Python}: {output} (environment/setup.sh installs python3-onnx)")
            : new OnnxCheckerVerdict(full, true, exitCode == 0, output);
    }

    private static (int ExitCode, string Output) RunPython(IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"timed out after {timeout.TotalSeconds:F0} s");
        }
        var output = (stdout.Result + stderr.Result).Trim();
        return (process.ExitCode, output);
    }
}
