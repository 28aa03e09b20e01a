using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FgCrossNet.IO;
using FgCrossNet.Training;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FgCrossNet.Experiments;

/// <summary>
/// An ablation grid, read from YAML or JSON (JSON is YAML too):
/// <code>
/// name: ranking-loss             # the grid's name (letters, digits, '-', '_', '.')
/// base: cpu-small                # a built-in config or a config file (relative to the grid file)
/// set: [stage1.epochs=4]         # overrides applied to every cell (optional)
/// vary:                          # keys to vary, each with its values; the grid is their Cartesian product
///   stage2.ranking_weight: [0.1, 0]
///   data.sampling: [balanced_shuffled, reference_zip_truncate]
/// seeds: [0, 1, 2]               # every combination runs once per seed (default [0])
/// </code>
/// The varied key <c>config</c> (see <see cref="ConfigKey"/>) varies the config a cell starts from, so whole recipes
/// can be compared (<c>config: [cpu-paper, cpu-tuned]</c>); <c>base</c> may then be left out.
/// The base row of the report is the first value of every varied key. Cells are ordered by the varied keys in file
/// order (the last one fastest), then by seed. Every cell's config is resolved and validated when the grid is read, so
/// a bad key or value is refused before any run starts, naming the grid file and the key.
/// </summary>
public sealed class AblationGrid
{
    /// <summary>The varied key that chooses a cell's starting config (a built-in name or a file relative to the grid) instead of <c>base</c>.</summary>
    public const string ConfigKey = "config";

    private AblationGrid(string source, string name, string baseConfig, IReadOnlyList<string> set,
        IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> vary, IReadOnlyList<int> seeds)
    {
        Source = source;
        Name = name;
        BaseConfig = baseConfig;
        Set = set;
        Vary = vary;
        Seeds = seeds;
        var cells = new List<AblationCell>();
        foreach (var combination in Combinations(vary))
            foreach (var seed in seeds)
            {
                var overrides = set.Concat(combination.Where(kv => kv.Key != ConfigKey).Select(kv => $"{kv.Key}={kv.Value}")).Append($"seed={seed}").ToArray();
                cells.Add(new AblationCell(cells.Count, combination, seed, overrides));
            }
        Cells = cells;
    }

    /// <summary>The grid file (full path).</summary>
    public string Source { get; }

    public string Name { get; }

    /// <summary>The built-in config name or config file path every cell starts from (unless <see cref="ConfigKey"/> is varied).</summary>
    public string BaseConfig { get; }

    public IReadOnlyList<string> Set { get; }

    /// <summary>The varied keys in file order, each with its values (as <c>--set</c> value text).</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Vary { get; }

    public IReadOnlyList<int> Seeds { get; }

    public IReadOnlyList<AblationCell> Cells { get; }

    /// <summary>The row the report compares every other row with: the first value of every varied key.</summary>
    public string BaseRow => Cells[0].Row;

    /// <summary>The resolved, validated config of a cell (named after the grid).</summary>
    public ExperimentConfig ConfigOf(AblationCell cell)
    {
        try
        {
            return ExperimentConfigLoader.Load(BaseConfigOf(cell), [.. cell.Overrides, $"name={Name}"]);
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException(Source, $"cell {cell.Name}: {e.Message}");
        }
    }

    /// <summary>The config a cell starts from: its varied <see cref="ConfigKey"/> value, else <see cref="BaseConfig"/>.</summary>
    public string BaseConfigOf(AblationCell cell) =>
        cell.Varied.FirstOrDefault(kv => kv.Key == ConfigKey) is { Key: not null } chosen ? ResolveConfig(Source, chosen.Value) : BaseConfig;

    /// <summary>A built-in config name, or a config file relative to the grid file.</summary>
    private static string ResolveConfig(string source, string config)
    {
        var relative = Path.Combine(Path.GetDirectoryName(source)!, config);
        return File.Exists(relative) ? relative : config;
    }

    /// <summary>Reads and validates a grid file.</summary>
    public static AblationGrid Load(string path)
    {
        var source = Path.GetFullPath(path);
        if (!File.Exists(source)) throw new InvalidInputException(source, "no such grid file");
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(source)) stream.Load(reader);
            root = stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode m
                ? m : throw new InvalidInputException(source, "a grid file holds one mapping (name, base, set, vary, seeds)");
        }
        catch (YamlException e)
        {
            throw new InvalidInputException(source, (int?)e.Start.Line, $"not valid YAML/JSON: {e.Message}");
        }

        string? name = null, baseConfig = null;
        var set = new List<string>();
        var vary = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        var seeds = new List<int> { 0 };
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            switch (key)
            {
                case "name": name = Scalar(source, key, value); break;
                case "base": baseConfig = Scalar(source, key, value); break;
                case "set": set = Sequence(source, key, value).Select(v => Scalar(source, key, v)).ToList(); break;
                case "seeds":
                    seeds = Sequence(source, key, value).Select(v => int.TryParse(Scalar(source, key, v), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s >= 0
                        ? s : throw new InvalidInputException(source, (int?)v.Start.Line, $"seeds: '{Scalar(source, key, v)}' is not a whole number >= 0")).ToList();
                    break;
                case "vary":
                    if (value is not YamlMappingNode axes) throw new InvalidInputException(source, (int?)value.Start.Line, "vary: must map each key to a list of values");
                    foreach (var (axisKey, axisValues) in axes.Children)
                    {
                        var values = Sequence(source, $"vary.{axisKey}", axisValues).Select(v => JsonValueText.Plain(JsonText(v).ToJsonString())).ToList();
                        if (values.Count == 0) throw new InvalidInputException(source, (int?)axisValues.Start.Line, $"vary.{axisKey}: give at least one value");
                        vary.Add(new(((YamlScalarNode)axisKey).Value!, values));
                    }
                    break;
                default:
                    throw new InvalidInputException(source, (int?)keyNode.Start.Line, $"unknown key '{key}' (known: name, base, set, vary, seeds)");
            }
        }
        if (string.IsNullOrWhiteSpace(name) || !name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new InvalidInputException(source, "name: give the grid a name of letters, digits, '-', '_' or '.'");
        bool variesConfig = vary.Any(kv => kv.Key == ConfigKey);
        if (string.IsNullOrWhiteSpace(baseConfig) && !variesConfig)
            throw new InvalidInputException(source, $"base: name a built-in config or a config file (or vary '{ConfigKey}')");
        baseConfig = ResolveConfig(source, baseConfig ?? "");
        if (seeds.Count == 0 || seeds.Distinct().Count() != seeds.Count) throw new InvalidInputException(source, "seeds: give distinct seeds");
        if (vary.Select(kv => kv.Key).Distinct().Count() != vary.Count) throw new InvalidInputException(source, "vary: a key is listed twice");

        var grid = new AblationGrid(source, name, baseConfig, set, vary, seeds);
        foreach (var cell in grid.Cells) grid.ConfigOf(cell);
        return grid;
    }

    private static string Scalar(string source, string key, YamlNode node) =>
        node is YamlScalarNode { Value: { } v } ? v : throw new InvalidInputException(source, (int?)node.Start.Line, $"{key}: expected a single value");

    private static IReadOnlyList<YamlNode> Sequence(string source, string key, YamlNode node) =>
        node is YamlSequenceNode s ? s.Children.ToList() : throw new InvalidInputException(source, (int?)node.Start.Line, $"{key}: expected a list");

    /// <summary>A YAML value as JSON: plain scalars that read as JSON (numbers, true, false, null) keep that type; others are strings.</summary>
    private static JsonNode JsonText(YamlNode node) => node switch
    {
        YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v } when TryParseJson(v) is { } parsed => parsed,
        YamlScalarNode s => JsonValue.Create(s.Value ?? ""),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(c => (JsonNode?)JsonText(c)).ToArray()),
        _ => throw new InvalidInputException("grid", (int?)node.Start.Line, "a varied value must be a single value or a list"),
    };

    private static JsonValue? TryParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonValue v ? v : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> Combinations(IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> vary)
    {
        IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> result = [[]];
        foreach (var (key, values) in vary)
            result = result.SelectMany(prefix => values.Select(v => (IReadOnlyList<KeyValuePair<string, string>>)[.. prefix, new(key, v)]));
        return result;
    }
}
