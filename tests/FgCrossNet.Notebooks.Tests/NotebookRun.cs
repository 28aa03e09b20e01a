using System.Text;

namespace FgCrossNet.Notebooks.Tests;

/// <summary>The outcome of one headless notebook run (see <see cref="PolyglotKernel.Run"/>).</summary>
/// <param name="Notebook">The notebook that ran.</param>
/// <param name="ExitCode">0 when every cell ran without error, 2 when a cell failed or the run stopped.</param>
/// <param name="Elapsed">Wall time of the run, kernel start included.</param>
/// <param name="Errors">Every cell with an error output, in notebook order.</param>
/// <param name="Problem">What went wrong outside the cells (no output notebook, missing cells, timeout), or null.</param>
/// <param name="OutputNotebook">The executed notebook with its outputs.</param>
/// <param name="ProcessOutput">What the kernel printed besides its event envelopes.</param>
public sealed record NotebookRun(
    string Notebook,
    int ExitCode,
    TimeSpan Elapsed,
    IReadOnlyList<NotebookCellError> Errors,
    string? Problem,
    string OutputNotebook,
    string ProcessOutput)
{
    public bool Succeeded => ExitCode == 0 && Errors.Count == 0 && Problem is null;

    /// <summary>Set to a folder to keep every executed notebook there (e.g. to measure their size with outputs).</summary>
    public const string KeepVariable = "FGX_KEEP_EXECUTED_NOTEBOOKS";

    /// <summary>
    /// Deletes the executed notebook's folder (kept after a failure, for a look at the outputs); with
    /// <see cref="KeepVariable"/> set, the notebook is first copied to <c>$KEEP/&lt;run id&gt;/</c>.
    /// </summary>
    public void DeleteOutput()
    {
        var folder = Path.GetDirectoryName(OutputNotebook);
        if (folder is null || !Directory.Exists(folder)) return;
        if (Environment.GetEnvironmentVariable(KeepVariable) is { Length: > 0 } keep && File.Exists(OutputNotebook))
        {
            var target = Path.Combine(keep, Path.GetFileName(folder));
            Directory.CreateDirectory(target);
            File.Copy(OutputNotebook, Path.Combine(target, Path.GetFileName(OutputNotebook)), overwrite: true);
        }
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>One message naming the notebook, then each failing cell (number and first line) and its error.</summary>
    public string Report()
    {
        var sb = new StringBuilder();
        sb.Append(Path.GetFileName(Notebook)).Append(Succeeded ? " ran" : " failed").Append($" in {Elapsed.TotalSeconds:F1} s (exit code {ExitCode})");
        foreach (var e in Errors) sb.AppendLine().Append("  ").Append(Path.GetFileName(Notebook)).Append(", ").Append(e);
        if (Problem is not null) sb.AppendLine().Append("  ").Append(Problem);
        if (!Succeeded)
        {
            sb.AppendLine().Append("  executed notebook: ").Append(OutputNotebook);
            if (ProcessOutput.Length > 0) sb.AppendLine().Append("  the kernel said: ").Append(ProcessOutput.Length > 2000 ? ProcessOutput[^2000..] : ProcessOutput);
        }
        return sb.ToString();
    }
}
