namespace FgCrossNet.Experiments;

/// <summary>
/// One run of an <see cref="AblationGrid"/>: the grid's fixed overrides, one value of every varied key and a seed.
/// <see cref="Name"/> (the run folder's name) is <c>key=value</c> for every varied key and then <c>seed=N</c>, joined by
/// <c>__</c> (a list value's items joined by <c>+</c>), with characters other than letters, digits and <c>.=+-_</c>
/// replaced by <c>-</c>; <see cref="Row"/> is
/// the same without the seed: the cells of one row differ only in their seed.
/// </summary>
public sealed record AblationCell(int Index, IReadOnlyList<KeyValuePair<string, string>> Varied, int Seed, IReadOnlyList<string> Overrides)
{
    public string Row => Varied.Count == 0 ? "base" : string.Join("__", Varied.Select(kv => Safe($"{kv.Key}={FolderValue(kv.Value)}")));

    public string Name => Varied.Count == 0 ? $"seed={Seed}" : $"{Row}__seed={Seed}";

    /// <summary>A readable label of the row: <c>key=value, key=value</c>.</summary>
    public string Label => Varied.Count == 0 ? "base" : string.Join(", ", Varied.Select(kv => $"{kv.Key}={kv.Value}"));

    private static string FolderValue(string value)
    {
        if (!value.StartsWith('[')) return value;
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(value) is System.Text.Json.Nodes.JsonArray items
                ? string.Join('+', items.Select(i => i is System.Text.Json.Nodes.JsonValue v && v.TryGetValue(out string? s) ? s : i?.ToJsonString()))
                : value;
        }
        catch (System.Text.Json.JsonException)
        {
            return value;
        }
    }

    private static string Safe(string text) =>
        new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '=' or '+' or '-' or '_' ? c : '-').ToArray());
}
