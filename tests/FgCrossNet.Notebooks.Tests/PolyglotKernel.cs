using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace FgCrossNet.Notebooks.Tests;

/// <summary>
/// Runs a notebook headlessly in the kernel VS Code's Polyglot Notebooks extension starts: the local tool
/// <c>Microsoft.dotnet-interactive</c> (<c>.config/dotnet-tools.json</c>, restored by <c>environment/setup.sh</c>) as
/// <c>dotnet-interactive [vscode] stdio --working-dir DIR</c>, in the notebook's folder (relative <c>#r</c> paths resolve
/// against it). Each code cell is sent as a <c>SubmitCode</c> command envelope (one JSON line on stdin) and the kernel's
/// event envelopes (JSON lines on stdout) are read until the command succeeds or fails; every cell runs even after one
/// fails, as in the editor's "Run All". The events become the cell's outputs in an executed copy of the notebook:
/// standard output and error as streams, displayed and returned values with all their formatted MIME types (a
/// <c>DisplayedValueUpdated</c> replaces the output it updates), a failed command as an error output.
/// </summary>
public static class PolyglotKernel
{
    public const string ToolName = "microsoft.dotnet-interactive";

    /// <summary>The tool's version, from the repository's tool manifest.</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>The kernel's entry assembly in the NuGet cache, started directly so a notebook outside the repository works too.</summary>
    public static string EntryAssembly { get; } = FindEntryAssembly();

    /// <summary>Runs <paramref name="notebook"/> with these environment variables (null: removed) on top of this process's.</summary>
    public static NotebookRun Run(string notebook, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        notebook = Path.GetFullPath(notebook);
        var folder = Path.GetDirectoryName(notebook)!;
        var outputFolder = Path.Combine(Path.GetTempPath(), "fgx-notebook-executions", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(outputFolder);
        var output = Path.Combine(outputFolder, Path.GetFileName(notebook));

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { EntryAssembly, "[vscode]", "stdio", "--working-dir", folder }) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // What a notebook writes under Path.GetTempPath() goes into a folder of its own, deleted after the run.
        var scratch = Directory.CreateTempSubdirectory("fgx-notebook-tmp-").FullName;
        start.Environment["TMPDIR"] = scratch;
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) start.Environment[name] = value;

        var source = Notebook.Load(notebook);
        var events = new BlockingCollection<JsonObject>();
        var printed = new StringBuilder();
        var clock = Stopwatch.StartNew();
        string? problem = null;
        using (var process = new Process { StartInfo = start })
        {
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) { events.CompleteAdding(); return; }
                if (e.Data.StartsWith('{') && TryParse(e.Data) is { } envelope) events.Add(envelope);
                else lock (printed) printed.AppendLine(e.Data);
            };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (printed) printed.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var deadline = DateTime.UtcNow + timeout;
            foreach (var cell in source.Cells.Where(c => c.IsCode))
            {
                var token = $"fgx-cell-{cell.Number}";
                var command = new JsonObject
                {
                    ["token"] = token,
                    ["commandType"] = "SubmitCode",
                    ["command"] = new JsonObject { ["code"] = cell.Source, ["targetKernelName"] = KernelOf(cell) },
                };
                process.StandardInput.WriteLine(command.ToJsonString());
                process.StandardInput.Flush();
                problem = Collect(events, token, cell, deadline);
                if (problem is not null) break;
            }
            process.StandardInput.Close();
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        clock.Stop();
        File.WriteAllText(output, source.Root.ToJsonString());

        var (errors, missing) = NotebookErrors.Read(notebook, output);
        problem ??= missing;
        try
        {
            Directory.Delete(scratch, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            printed.AppendLine($"could not delete the run's temporary folder {scratch}: {e.Message}");
        }
        return new NotebookRun(notebook, errors.Count == 0 && problem is null ? 0 : 2, clock.Elapsed, errors, problem, output, printed.ToString().Trim());
    }

    private static string KernelOf(NotebookCell cell) => (string?)cell.Json["metadata"]?["polyglot_notebook"]?["kernelName"] ?? "csharp";

    /// <summary>Reads the events of one cell's command into its outputs; returns a problem when the kernel stops answering.</summary>
    private static string? Collect(BlockingCollection<JsonObject> events, string token, NotebookCell cell, DateTime deadline)
    {
        var outputs = new JsonArray();
        var displayed = new Dictionary<string, JsonObject>();
        cell.Json["outputs"] = outputs;
        cell.Json["execution_count"] = cell.Number;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !events.TryTake(out var envelope, left))
                return events.IsAddingCompleted ? $"the kernel exited during cell {cell.Number}" : $"timed out in cell {cell.Number} (killed)";
            var eventToken = (string?)envelope["command"]?["token"];
            if (eventToken is null || !(eventToken == token || eventToken.StartsWith(token + ".", StringComparison.Ordinal))) continue;
            var kind = (string?)envelope["eventType"];
            var body = envelope["event"] as JsonObject ?? [];
            switch (kind)
            {
                case "StandardOutputValueProduced" or "StandardErrorValueProduced":
                    outputs.Add(new JsonObject
                    {
                        ["output_type"] = "stream",
                        ["name"] = kind.StartsWith("StandardOutput", StringComparison.Ordinal) ? "stdout" : "stderr",
                        ["text"] = string.Concat(FormattedValues(body).Select(v => v.Value)),
                    });
                    break;
                case "DisplayedValueProduced" or "ReturnValueProduced" or "DisplayedValueUpdated":
                    var data = new JsonObject();
                    foreach (var (mime, value) in FormattedValues(body)) data[mime] = value;
                    var id = (string?)body["valueId"];
                    if (kind == "DisplayedValueUpdated" && id is not null && displayed.TryGetValue(id, out var earlier))
                    {
                        earlier["data"] = data;
                        break;
                    }
                    var shown = new JsonObject { ["output_type"] = kind == "ReturnValueProduced" ? "execute_result" : "display_data", ["data"] = data, ["metadata"] = new JsonObject() };
                    if (kind == "ReturnValueProduced") shown["execution_count"] = cell.Number;
                    outputs.Add(shown);
                    if (id is not null) displayed[id] = shown;
                    break;
                case "CommandFailed" when eventToken == token:
                    outputs.Add(new JsonObject { ["output_type"] = "error", ["ename"] = "Error", ["evalue"] = (string?)body["message"] ?? "the command failed", ["traceback"] = new JsonArray() });
                    return null;
                case "CommandSucceeded" when eventToken == token:
                    return null;
            }
        }
    }

    private static IEnumerable<(string Mime, string Value)> FormattedValues(JsonObject body) =>
        (body["formattedValues"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(v => v["suppressDisplay"]?.GetValue<bool>() != true)
            .Select(v => ((string?)v["mimeType"] ?? "text/plain", (string?)v["value"] ?? ""));

    private static JsonObject? TryParse(string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
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
            ? Directory.EnumerateFiles(tools, "Microsoft.DotNet.Interactive.App.dll", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        return entry ?? throw new InvalidOperationException(
            $"{ToolName} {Version} is not in the NuGet cache ({tools}): run environment/setup.sh (it runs 'dotnet tool restore').");
    }
}
