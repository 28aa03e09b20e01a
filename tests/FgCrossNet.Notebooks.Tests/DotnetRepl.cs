using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace FgCrossNet.Notebooks.Tests;

/// <summary>
/// Runs a notebook headlessly with the local tool dotnet-repl (<c>.config/dotnet-tools.json</c>, restored by
/// <c>environment/setup.sh</c>): <c>dotnet-repl --run NB --exit-after-run --output-path OUT</c>, started in the notebook's
/// folder because the kernels resolve relative <c>#r</c> paths against the process's working directory. dotnet-repl
/// runs every cell even after one fails and prints nothing when not on a terminal, so errors are read from the executed
/// notebook.
/// </summary>
public static class DotnetRepl
{
    public const string ToolName = "dotnet-repl";

    /// <summary>The tool's version, from the repository's tool manifest.</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>
    /// The tool's entry assembly in the NuGet cache. Started directly (<c>dotnet dotnet-repl.dll</c>) rather than through
    /// <c>dotnet tool run</c>, which finds the manifest from the working directory and so would not work for a notebook
    /// outside the repository.
    /// </summary>
    public static string EntryAssembly { get; } = FindEntryAssembly();

    public static NotebookRun Run(string notebook, TimeSpan timeout)
    {
        notebook = Path.GetFullPath(notebook);
        var outputFolder = Path.Combine(Path.GetTempPath(), "fgx-notebook-executions", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(outputFolder);
        var output = Path.Combine(outputFolder, Path.GetFileName(notebook));

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(notebook)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { EntryAssembly, "--run", notebook, "--exit-after-run", "--output-path", output }) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // The notebooks put their synthetic data and run folders under Path.GetTempPath() (a tiny run's checkpoints
        // take hundreds of MB): give each run its own temporary folder and delete it afterwards.
        var scratch = Directory.CreateTempSubdirectory("fgx-notebook-tmp-").FullName;
        start.Environment["TMPDIR"] = scratch;

        var printed = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (printed) printed.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (printed) printed.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string? problem = null;
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            problem = $"timed out after {timeout.TotalSeconds:F0} s (killed)";
        }
        process.WaitForExit();
        clock.Stop();

        var errors = new List<NotebookCellError>();
        if (!File.Exists(output))
            problem ??= "dotnet-repl wrote no output notebook";
        else
        {
            var (cellErrors, missing) = ReadErrors(notebook, output);
            errors.AddRange(cellErrors);
            if (missing is not null) problem ??= missing;
        }
        int exitCode = process.ExitCode;
        try
        {
            Directory.Delete(scratch, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            printed.AppendLine($"could not delete the run's temporary folder {scratch}: {e.Message}");
        }
        if (exitCode != 0 && errors.Count == 0) problem ??= "dotnet-repl failed without an error output in any cell";
        return new NotebookRun(notebook, exitCode, clock.Elapsed, errors, problem, output, printed.ToString().Trim());
    }

    /// <summary>The error outputs of the executed notebook, and a problem when it lacks cells of the source.</summary>
    private static (List<NotebookCellError> Errors, string? Problem) ReadErrors(string source, string executed)
    {
        var sourceCells = Notebook.Load(source).Cells;
        var cells = Notebook.Load(executed).Cells;
        var errors = new List<NotebookCellError>();
        foreach (var cell in cells)
        {
            foreach (var output in cell.Outputs)
            {
                if ((string?)output["output_type"] != "error") continue;
                var name = (string?)output["ename"] ?? "Error";
                var value = ((string?)output["evalue"] ?? "").Trim();
                var firstLine = value.Split('\n')[0].Trim();
                errors.Add(new NotebookCellError(cell.Number, cell.FirstLine, name == "Error" || firstLine.StartsWith(name, StringComparison.Ordinal) ? Shorten(value) : $"{name}: {Shorten(value)}"));
            }
        }
        int sourceCode = sourceCells.Count(c => c.IsCode), executedCode = cells.Count(c => c.IsCode);
        string? problem = executedCode < sourceCode ? $"the executed notebook has {executedCode} of {sourceCode} code cells (the kernel stopped?)" : null;
        return (errors, problem);
    }

    /// <summary>The exception message without the kernel's stack frames (they name only script submissions).</summary>
    private static string Shorten(string error)
    {
        var lines = error.Split('\n').Select(l => l.TrimEnd('\r')).TakeWhile(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal)).ToArray();
        var text = string.Join(" | ", lines.Where(l => l.Trim().Length > 0).Select(l => l.Trim()));
        return text.Length > 1500 ? text[..1500] + " ..." : text;
    }

    private static string ReadVersion()
    {
        var manifest = Path.Combine(RepositoryPaths.Root, ".config", "dotnet-tools.json");
        var root = JsonNode.Parse(File.ReadAllText(manifest))!;
        return (string?)root["tools"]?[ToolName]?["version"] ?? throw new InvalidOperationException($"{manifest} does not list {ToolName}");
    }

    private static string FindEntryAssembly()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var tools = Path.Combine(packages, ToolName, Version, "tools");
        var entry = Directory.Exists(tools)
            ? Directory.EnumerateFiles(tools, ToolName + ".dll", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        return entry ?? throw new InvalidOperationException(
            $"{ToolName} {Version} is not in the NuGet cache ({tools}): run environment/setup.sh (it runs 'dotnet tool restore').");
    }
}
