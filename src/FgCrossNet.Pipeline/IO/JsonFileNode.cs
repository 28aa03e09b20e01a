using System.Text.Json.Nodes;
using System.Text.Json;

namespace FgCrossNet.IO;

/// <summary>Reads a JSON file as a node; a missing, empty or malformed file is an <see cref="InvalidInputException"/> naming it (and the line).</summary>
public static class JsonFileNode
{
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
}
