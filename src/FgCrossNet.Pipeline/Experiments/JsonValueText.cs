using System.Text.Json;

namespace FgCrossNet.Experiments;

/// <summary>How a config value held as JSON text reads in a <c>--set</c> override or a table label: a JSON string without its quotes (unescaped), anything else as it is.</summary>
internal static class JsonValueText
{
    public static string Plain(string json) =>
        json.Length >= 2 && json[0] == '"' ? JsonSerializer.Deserialize<string>(json)! : json;
}
