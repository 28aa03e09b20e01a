using System.Text.Json.Nodes;

namespace FgCrossNet.Notebooks.Tests;

/// <summary>An .ipynb file read as JSON: its cells, in order.</summary>
public sealed class Notebook
{
    private Notebook(string path, JsonObject root, IReadOnlyList<NotebookCell> cells)
    {
        Path = path;
        Root = root;
        Cells = cells;
    }

    public string Path { get; }

    public JsonObject Root { get; }

    public IReadOnlyList<NotebookCell> Cells { get; }

    public string? KernelName => (string?)Root["metadata"]?["kernelspec"]?["name"];

    public static Notebook Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path} is not a JSON object");
        var cells = (root["cells"] as JsonArray ?? []).Select((c, i) => new NotebookCell(i + 1, (JsonObject)c!)).ToArray();
        return new Notebook(path, root, cells);
    }
}

/// <summary>One cell of a <see cref="Notebook"/>.</summary>
/// <param name="Number">1-based position, markdown cells included.</param>
/// <param name="Json">The cell as stored.</param>
public sealed record NotebookCell(int Number, JsonObject Json)
{
    public string Type => (string?)Json["cell_type"] ?? "";

    public bool IsCode => Type == "code";

    /// <summary>The source as one string (.ipynb stores it as a string or as a list of lines).</summary>
    public string Source => Json["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue v => (string?)v ?? "",
        _ => "",
    };

    public string FirstLine => Source.Split('\n')[0];

    public IReadOnlyList<JsonObject> Outputs => (Json["outputs"] as JsonArray ?? []).OfType<JsonObject>().ToArray();

    public IReadOnlyList<string> Tags => (Json["metadata"]?["tags"] as JsonArray ?? []).Select(t => (string?)t ?? "").ToArray();
}
