using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Text.Json;

namespace FgCrossNet.IO;

/// <summary>
/// A JSON file as a node. Reading: a missing, empty or malformed file is an <see cref="InvalidInputException"/> naming
/// it (and the line). Writing: indented, with a final newline, atomically (<see cref="AtomicFile"/>).
/// </summary>
public static class JsonFileNode
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly JsonSerializerOptions IndentedMinimalEscaping = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keeps "I->T" readable
    };

    public static JsonNode Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException(path, "missing");
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidInputException(path, "empty");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(path, (int?)(e.LineNumber + 1), $"not valid JSON: {e.Message}");
        }
    }

    /// <summary>
    /// Writes <paramref name="node"/> to <paramref name="path"/>. With <paramref name="minimalEscaping"/> only what
    /// JSON itself requires is escaped (results files people read: "I->T", not "I-\u003ET").
    /// </summary>
    public static void Write(string path, JsonNode node, bool minimalEscaping = false) =>
        AtomicFile.WriteAllText(path, node.ToJsonString(minimalEscaping ? IndentedMinimalEscaping : Indented) + "\n");
}
