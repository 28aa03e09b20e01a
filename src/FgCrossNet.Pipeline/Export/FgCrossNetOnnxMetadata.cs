using System.Globalization;
using System.Text.Json;
using FgCrossNet.Data.Loading;
using FgCrossNet.IO;
using FgCrossNet.Model;
using FgCrossNet.Training;

namespace FgCrossNet.Export;

/// <summary>
/// Everything inference needs besides the weights, stored in an export's ONNX <c>metadata_props</c>
/// (<see cref="FgCrossNetOnnxNames.Keys"/>), so that an ONNX file alone is enough: the network (depth, C classes and
/// their names), image preprocessing (resize to <see cref="ImageScale"/>², centre crop <see cref="InputSize"/>², the
/// per-channel mean and std the graph applies), text encoding (the <see cref="CharacterTextEncoder"/> vocabulary's characters, length,
/// lower-casing, line mode), frames sampled per video, and the experiment config it was trained with (informational).
/// </summary>
public sealed record FgCrossNetOnnxMetadata
{
    public required NetworkArchitecture Model { get; init; }

    /// <summary>Class names indexed by label (C of them).</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Side S of the image entry point's input [N, 3, S, S] (the training crop).</summary>
    public required int InputSize { get; init; }

    /// <summary>Side of the square image resized to before the centre crop (training's <c>data.image_scale</c>).</summary>
    public required int ImageScale { get; init; }

    public required IReadOnlyList<float> Mean { get; init; }

    public required IReadOnlyList<float> Std { get; init; }

    public required TextEncodingOptions Text { get; init; }

    /// <summary>Frames sampled per video with <see cref="VideoFrameSelection.Uniform"/> (<see cref="FrameSampling.Uniform"/>).</summary>
    public required int VideoEvalFrames { get; init; }

    /// <summary>Which listed frames represent a video. Exports made before this key existed: uniform.</summary>
    public VideoFrameSelection VideoFrames { get; init; } = VideoFrameSelection.AllListed;

    /// <summary>How a video's frame outputs become its feature. Exports made before this key existed: mean_scores.</summary>
    public VideoPooling VideoPooling { get; init; } = VideoPooling.MeanLogits;

    /// <summary>The retrieval feature extraction writes (training's <c>evaluation.retrieval_feature</c>). Older exports: softmax.</summary>
    public RetrievalFeature RetrievalFeature { get; init; } = RetrievalFeature.Softmax;

    /// <summary>Values per retrieval feature: C, or D for <see cref="RetrievalFeature.Embedding"/>.</summary>
    public int FeatureDimension => RetrievalFeature == RetrievalFeature.Embedding ? Model.Depth.FeatureWidth() : Model.NumClasses;

    /// <summary>The experiment config JSON the network was trained with, or empty.</summary>
    public string ExperimentConfigJson { get; init; } = "";

    /// <summary>The evaluation preprocessing of image-like media (no augmentation).</summary>
    public ImagePreprocessOptions ImageOptions => new() { Scale = ImageScale, Crop = InputSize, Mean = Mean, Std = Std };

    /// <summary>Metadata from a training config; <paramref name="classNames"/> default to "class_0".."class_{C-1}".</summary>
    public static FgCrossNetOnnxMetadata From(ExperimentConfig config, IReadOnlyList<string>? classNames)
    {
        var image = LoaderOptionsMapping.Image(config, training: false);
        var model = new NetworkArchitecture((ResNetDepth)config.Model.Depth, config.Model.Classes, config.Data.TextLength);
        classNames ??= [.. Enumerable.Range(0, model.NumClasses).Select(i => $"class_{i}")];
        if (classNames.Count != model.NumClasses)
            throw new ArgumentException($"the class list names {classNames.Count} classes but the model has {model.NumClasses}");
        return new FgCrossNetOnnxMetadata
        {
            Model = model,
            ClassNames = classNames,
            InputSize = image.Crop,
            ImageScale = image.Scale,
            Mean = image.Mean,
            Std = image.Std,
            Text = LoaderOptionsMapping.Text(config, training: false),
            VideoEvalFrames = config.Data.VideoEvalFrames,
            VideoFrames = config.Data.VideoFrames,
            VideoPooling = config.Data.VideoPooling,
            RetrievalFeature = config.Evaluation.RetrievalFeature,
            ExperimentConfigJson = ExperimentConfigLoader.ToJson(config),
        };
    }

    /// <summary>The metadata entries (key, value) of an export's file for one entry point.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToProperties(string entryPoint, string companionFile)
    {
        static string Json<T>(T value) => JsonSerializer.Serialize(value);
        static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
        return
        [
            new(FgCrossNetOnnxNames.Keys.Format, FgCrossNetOnnxNames.FormatVersion),
            new(FgCrossNetOnnxNames.Keys.EntryPoint, entryPoint),
            new(FgCrossNetOnnxNames.Keys.Companion, companionFile),
            new(FgCrossNetOnnxNames.Keys.Depth, Int((int)Model.Depth)),
            new(FgCrossNetOnnxNames.Keys.NumClasses, Int(Model.NumClasses)),
            new(FgCrossNetOnnxNames.Keys.ClassNames, Json(ClassNames)),
            new(FgCrossNetOnnxNames.Keys.InputSize, Int(InputSize)),
            new(FgCrossNetOnnxNames.Keys.ImageScale, Int(ImageScale)),
            new(FgCrossNetOnnxNames.Keys.ImageMean, Json(Mean)),
            new(FgCrossNetOnnxNames.Keys.ImageStd, Json(Std)),
            new(FgCrossNetOnnxNames.Keys.TextLength, Int(Model.TextLength)),
            new(FgCrossNetOnnxNames.Keys.TextVocabulary, CharacterTextEncoder.Characters(Text.Vocabulary)),
            new(FgCrossNetOnnxNames.Keys.TextLowercase, Text.Lowercase ? "true" : "false"),
            new(FgCrossNetOnnxNames.Keys.TextLineMode, Text.LineMode.ToString()),
            new(FgCrossNetOnnxNames.Keys.VideoEvalFrames, Int(VideoEvalFrames)),
            new(FgCrossNetOnnxNames.Keys.VideoFrames, VideoFrames.ToString()),
            new(FgCrossNetOnnxNames.Keys.VideoPooling, VideoPooling.ToString()),
            new(FgCrossNetOnnxNames.Keys.RetrievalFeature, RetrievalFeature.ToString()),
            new(FgCrossNetOnnxNames.Keys.ExperimentConfig, ExperimentConfigJson),
        ];
    }

    /// <summary>Reads the metadata of an export; a missing or malformed entry throws <see cref="InvalidInputException"/> naming <paramref name="path"/>.</summary>
    public static FgCrossNetOnnxMetadata FromProperties(IReadOnlyDictionary<string, string> properties, string path)
    {
        string Get(string key) => properties.TryGetValue(key, out var v)
            ? v
            : throw new InvalidInputException(path, $"FGCrossNet export without metadata '{key}'; export the model again with fgcrossnet export");
        int GetInt(string key) => int.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new InvalidInputException(path, $"metadata '{key}' is not a positive integer: '{Get(key)}'");
        T GetJson<T>(string key)
        {
            try
            {
                return JsonSerializer.Deserialize<T>(Get(key)) ?? throw new JsonException("null");
            }
            catch (JsonException e)
            {
                throw new InvalidInputException(path, $"metadata '{key}' is not valid: {e.Message}");
            }
        }

        var vocabulary = CharacterTextEncoder.FromCharacters(Get(FgCrossNetOnnxNames.Keys.TextVocabulary))
            ?? throw new InvalidInputException(path, $"metadata '{FgCrossNetOnnxNames.Keys.TextVocabulary}' is not a vocabulary this version knows ({string.Join(", ", Enum.GetNames<TextVocabulary>())})");
        if (!Enum.TryParse<TextLineMode>(Get(FgCrossNetOnnxNames.Keys.TextLineMode), out var lineMode))
            throw new InvalidInputException(path, $"metadata '{FgCrossNetOnnxNames.Keys.TextLineMode}' is not a line mode");
        // Exports from before these keys existed sampled frames uniformly and averaged their scores.
        if (!Enum.TryParse<VideoFrameSelection>(properties.GetValueOrDefault(FgCrossNetOnnxNames.Keys.VideoFrames, nameof(VideoFrameSelection.Uniform)), out var videoFrames))
            throw new InvalidInputException(path, $"metadata '{FgCrossNetOnnxNames.Keys.VideoFrames}' is not one of {string.Join(", ", Enum.GetNames<VideoFrameSelection>())}");
        if (!Enum.TryParse<VideoPooling>(properties.GetValueOrDefault(FgCrossNetOnnxNames.Keys.VideoPooling, nameof(VideoPooling.MeanScores)), out var videoPooling))
            throw new InvalidInputException(path, $"metadata '{FgCrossNetOnnxNames.Keys.VideoPooling}' is not one of {string.Join(", ", Enum.GetNames<VideoPooling>())}");
        if (!Enum.TryParse<RetrievalFeature>(properties.GetValueOrDefault(FgCrossNetOnnxNames.Keys.RetrievalFeature, nameof(RetrievalFeature.Softmax)), out var retrievalFeature))
            throw new InvalidInputException(path, $"metadata '{FgCrossNetOnnxNames.Keys.RetrievalFeature}' is not one of {string.Join(", ", Enum.GetNames<RetrievalFeature>())}");
        int depth = GetInt(FgCrossNetOnnxNames.Keys.Depth);
        if (!Enum.IsDefined((ResNetDepth)depth)) throw new InvalidInputException(path, $"metadata '{FgCrossNetOnnxNames.Keys.Depth}': {depth} is not a ResNet depth");
        var model = new NetworkArchitecture((ResNetDepth)depth, GetInt(FgCrossNetOnnxNames.Keys.NumClasses), GetInt(FgCrossNetOnnxNames.Keys.TextLength));
        var metadata = new FgCrossNetOnnxMetadata
        {
            Model = model,
            ClassNames = GetJson<string[]>(FgCrossNetOnnxNames.Keys.ClassNames),
            InputSize = GetInt(FgCrossNetOnnxNames.Keys.InputSize),
            ImageScale = GetInt(FgCrossNetOnnxNames.Keys.ImageScale),
            Mean = GetJson<float[]>(FgCrossNetOnnxNames.Keys.ImageMean),
            Std = GetJson<float[]>(FgCrossNetOnnxNames.Keys.ImageStd),
            Text = new TextEncodingOptions
            {
                Length = model.TextLength,
                Lowercase = Get(FgCrossNetOnnxNames.Keys.TextLowercase) == "true",
                LineMode = lineMode,
                Vocabulary = vocabulary,
            },
            VideoEvalFrames = GetInt(FgCrossNetOnnxNames.Keys.VideoEvalFrames),
            VideoFrames = videoFrames,
            VideoPooling = videoPooling,
            RetrievalFeature = retrievalFeature,
            ExperimentConfigJson = properties.GetValueOrDefault(FgCrossNetOnnxNames.Keys.ExperimentConfig, ""),
        };
        if (metadata.ClassNames.Count != model.NumClasses)
            throw new InvalidInputException(path, $"metadata names {metadata.ClassNames.Count} classes but the model has {model.NumClasses}");
        try
        {
            metadata.ImageOptions.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(path, $"metadata: {e.Message}");
        }
        return metadata;
    }
}
