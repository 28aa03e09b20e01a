using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FgCrossNet.Core;
using FgCrossNet.IO;

namespace FgCrossNet.Training;

/// <summary>
/// Reads an <see cref="ExperimentConfig"/>: a built-in name ("paper", "cpu-small", ...) or a JSON file, then
/// <c>key=value</c> overrides (dotted snake_case keys, e.g. <c>optimizer.lr=0.01</c>, <c>stage2.ranking_weight=0</c>,
/// <c>data.media=["image","text"]</c>), then validation. Every error names the key (or the file and JSON path).
/// </summary>
public static class ExperimentConfigLoader
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private const string ResourcePrefix = "FgCrossNet.Training.Configs.";

    /// <summary>Names of the built-in configurations.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = typeof(ExperimentConfigLoader).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".json".Length]).Order().ToArray();

    public static ExperimentConfig Load(string nameOrFile, IEnumerable<string>? overrides = null)
    {
        var (source, json) = ReadSource(nameOrFile);
        JsonNode root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
                   ?? throw new InvalidInputException(source, "the config is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(source, (int?)(e.LineNumber + 1), $"not valid JSON: {e.Message}");
        }
        if (root is not JsonObject)
            throw new InvalidInputException(source, $"the config is a JSON {root.GetValueKind().ToString().ToLowerInvariant()}, not an object of sections ({{ \"name\": ..., \"data\": {{ ... }}, ... }})");
        foreach (var assignment in overrides ?? [])
            ApplyOverride(root, assignment);
        return Parse(root, source);
    }

    /// <summary>Deserialises and validates a config held as JSON (used for resolved configs saved in run folders).</summary>
    public static ExperimentConfig Parse(JsonNode root, string source)
    {
        ExperimentConfig config;
        try
        {
            config = root.Deserialize<ExperimentConfig>(JsonOptions) ?? throw new InvalidInputException(source, "the config is empty");
        }
        catch (JsonException e)
        {
            var key = (e.Path ?? "$").TrimStart('$', '.');
            var problem = e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "unknown key" : "wrong type or value";
            throw new InvalidInputException(source, $"key '{UnknownKeyName(e) ?? key}': {problem} ({FirstSentence(e.Message)})");
        }
        Validate(config, source);
        return config;
    }

    public static string ToJson(ExperimentConfig config) => JsonSerializer.Serialize(config, JsonOptions);

    private static (string Source, string Json) ReadSource(string nameOrFile)
    {
        if (File.Exists(nameOrFile)) return (Path.GetFullPath(nameOrFile), File.ReadAllText(nameOrFile));
        using var stream = typeof(ExperimentConfigLoader).Assembly.GetManifestResourceStream(ResourcePrefix + nameOrFile + ".json");
        if (stream is null)
            throw new InvalidInputException(nameOrFile, $"no such config file, and not a built-in config ({string.Join(", ", BuiltInNames)})");
        using var reader = new StreamReader(stream);
        return ($"built-in config '{nameOrFile}'", reader.ReadToEnd());
    }

    /// <summary>Applies one <c>dotted.key=value</c>; the value is read as JSON when it parses as JSON, else as a string.</summary>
    private static void ApplyOverride(JsonNode root, string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new InvalidInputException("--set", $"'{assignment}' is not key=value");
        var key = assignment[..eq].Trim();
        var text = assignment[(eq + 1)..].Trim();
        var segments = key.Split('.');
        var type = typeof(ExperimentConfig);
        JsonObject node = root as JsonObject ?? throw new InvalidInputException("--set", "the config is not a JSON object");
        for (int i = 0; i < segments.Length; i++)
        {
            var property = FindProperty(type, segments[i])
                ?? throw new InvalidInputException("--set", $"key '{key}': unknown key '{segments[i]}' (known: {string.Join(", ", KnownKeys(type))})");
            if (i == segments.Length - 1)
            {
                JsonNode? value;
                try { value = JsonNode.Parse(text); }
                catch (JsonException) { value = JsonValue.Create(text); }
                node[segments[i]] = value;
                return;
            }
            type = property.PropertyType;
            if (node[segments[i]] is not JsonObject child)
            {
                child = new JsonObject();
                node[segments[i]] = child;
            }
            node = child;
        }
    }

    private static PropertyInfo? FindProperty(Type type, string key) => type.GetProperties().FirstOrDefault(p => KeyOf(p) == key);

    private static IEnumerable<string> KnownKeys(Type type) => type.GetProperties().Select(KeyOf);

    /// <summary>A property's key in the JSON: its <see cref="JsonPropertyNameAttribute"/>, else its name in snake_case.</summary>
    private static string KeyOf(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);

    private static string? UnknownKeyName(JsonException e)
    {
        // "The JSON property 'lrr' could not be mapped to any .NET member contained in type ..."
        var m = System.Text.RegularExpressions.Regex.Match(e.Message, "property '([^']+)' could not be mapped");
        if (!m.Success) return null;
        var parent = (e.Path ?? "$").TrimStart('$', '.');
        return parent.Length == 0 ? m.Groups[1].Value : $"{parent}.{m.Groups[1].Value}";
    }

    private static string FirstSentence(string message)
    {
        int dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? message[..dot] : message;
    }

    private static void Validate(ExperimentConfig c, string source)
    {
        void Require(bool ok, string key, string rule, object? value)
        {
            if (!ok) throw new InvalidInputException(source, $"key '{key}': must be {rule} (got {Format(value)})");
        }

        Require(!string.IsNullOrWhiteSpace(c.Name) && c.Name.All(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' or '.'), "name", "a non-empty name of letters, digits, '-', '_' or '.'", c.Name);
        Require(c.Data.Media.Length > 0, "data.media", "a non-empty list of image, text, audio, video", c.Data.Media);
        foreach (var m in c.Data.Media)
            Require(Media.TryParse(m, out _), "data.media", "a list of image, text, audio, video", m);
        Require(c.Data.Media.Distinct(StringComparer.OrdinalIgnoreCase).Count() == c.Data.Media.Length, "data.media", "a list without repeats", c.Data.Media);
        Require(c.Data.Crop is >= 16 and <= 4096, "data.crop", "between 16 and 4096", c.Data.Crop);
        Require(c.Data.ImageScale >= c.Data.Crop, "data.image_scale", $">= data.crop ({c.Data.Crop})", c.Data.ImageScale);
        Require(c.Data.TextLength >= 8 && c.Data.TextLength % 2 == 0, "data.text_length", "an even number >= 8 (the text branch has L/2 channels)", c.Data.TextLength);
        Require(c.Data.Crop == c.Data.TextLength || !c.Data.Media.Contains("text", StringComparer.OrdinalIgnoreCase), "data.text_length",
            $"equal to data.crop ({c.Data.Crop}): all media share one backbone pass, and the text branch makes L x L images", c.Data.TextLength);
        Require(c.Data.BatchPerMedium >= 1, "data.batch_per_medium", ">= 1", c.Data.BatchPerMedium);
        Require(c.Data.VideoEvalFrames >= 1, "data.video_eval_frames", ">= 1", c.Data.VideoEvalFrames);
        Require(c.Data.Workers >= 0, "data.workers", ">= 0", c.Data.Workers);
        Require(c.Data.Prefetch >= 1, "data.prefetch", ">= 1", c.Data.Prefetch);
        Require(c.Model.Depth is 18 or 34 or 50 or 101 or 152, "model.depth", "one of 18, 34, 50, 101, 152", c.Model.Depth);
        Require(c.Model.Classes >= 2, "model.classes", ">= 2", c.Model.Classes);
        Require(c.Model.Pretrained != Model.ImageNetResNet18.PretrainedName || c.Model.Depth == 18, "model.depth",
            $"18 with model.pretrained = \"{Model.ImageNetResNet18.PretrainedName}\" (ML.NET's ImageNet weights are a ResNet-18)", c.Model.Depth);
        Require(c.Model.TextBranchGain > 0 && double.IsFinite(c.Model.TextBranchGain), "model.text_branch_gain", "> 0 (1 = the reference initialisation)", c.Model.TextBranchGain);
        Require(c.Optimizer.Lr > 0 && double.IsFinite(c.Optimizer.Lr), "optimizer.lr", "> 0", c.Optimizer.Lr);
        Require(c.Optimizer.Momentum is >= 0 and < 1, "optimizer.momentum", "in [0, 1)", c.Optimizer.Momentum);
        Require(c.Optimizer.WeightDecay >= 0, "optimizer.weight_decay", ">= 0", c.Optimizer.WeightDecay);
        Require(c.Optimizer.StepEpochs >= 1, "optimizer.step_epochs", ">= 1", c.Optimizer.StepEpochs);
        Require(c.Optimizer.Gamma is > 0 and <= 1, "optimizer.gamma", "in (0, 1]", c.Optimizer.Gamma);
        Require(c.Optimizer.FreshLrScale > 0 && double.IsFinite(c.Optimizer.FreshLrScale), "optimizer.fresh_lr_scale", "> 0 (1 = one rate for everything)", c.Optimizer.FreshLrScale);
        foreach (var (name, stage) in c.Stages.Select(x => ($"stage{x.Number}", x.Config)))
        {
            Require(stage.Epochs >= 0, $"{name}.epochs", ">= 0", stage.Epochs);
            Require(stage.StepsPerEpoch >= 0, $"{name}.steps_per_epoch", ">= 0", stage.StepsPerEpoch);
            foreach (var m in stage.Media)
                Require(c.Data.Media.Contains(m, StringComparer.OrdinalIgnoreCase), $"{name}.media", $"a subset of data.media ([{string.Join(", ", c.Data.Media)}])", m);
            Require(stage.Media.Distinct(StringComparer.OrdinalIgnoreCase).Count() == stage.Media.Length, $"{name}.media", "a list without repeats", stage.Media);
            Require(stage.BatchPerMedium >= 0, $"{name}.batch_per_medium", ">= 0 (0 = data.batch_per_medium)", stage.BatchPerMedium);
            Require(stage.LrScale > 0 && double.IsFinite(stage.LrScale), $"{name}.lr_scale", "> 0 (a multiple of optimizer.lr)", stage.LrScale);
            Require(stage.ClassificationWeight >= 0, $"{name}.classification_weight", ">= 0", stage.ClassificationWeight);
            Require(stage.CenterWeight >= 0, $"{name}.center_weight", ">= 0", stage.CenterWeight);
            Require(stage.RankingWeight >= 0, $"{name}.ranking_weight", ">= 0", stage.RankingWeight);
            Require(stage.AnchorNegativeMargin >= 0 && stage.NegativePairMargin >= 0, $"{name}.ranking_margin1/2", ">= 0", (stage.AnchorNegativeMargin, stage.NegativePairMargin));
            Require(stage.ClassificationWeight + stage.CenterWeight + stage.RankingWeight > 0 || stage.Epochs == 0, $"{name}", "a stage with at least one loss weight > 0", "all weights 0");
        }
        Require(c.Stage0.Init == StageInit.Pretrained, "stage0.init", "pretrained (there is no previous stage)", c.Stage0.Init);
        Require(c.Stage1.Init == StageInit.Pretrained, "stage1.init", "pretrained (it starts where stage 0 ended, or from the start of the run)", c.Stage1.Init);
        Require(c.Stage1.Epochs + c.Stage2.Epochs > 0, "stage1.epochs", "> 0 in at least one stage", 0);
        Require(c.Evaluation.MapEveryEpochs >= 0, "evaluation.map_every_epochs", ">= 0", c.Evaluation.MapEveryEpochs);
        Require(c.Device == "cpu" || c.Device == "cuda" || (c.Device.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(c.Device[5..], out _)), "device", "cpu, cuda or cuda:N", c.Device);
        Require(c.Threads >= 0, "threads", ">= 0", c.Threads);
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        string[] a => "[" + string.Join(", ", a) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
