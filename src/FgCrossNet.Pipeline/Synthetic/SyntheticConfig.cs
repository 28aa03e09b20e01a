using System.Text.Json.Serialization;
using System.Text.Json;
using FgCrossNet.Core;
using FgCrossNet.IO;

namespace FgCrossNet.Synthetic;

/// <summary>
/// Everything that decides a synthetic FG-XMedia dataset; with the same values (and the same .NET and SkiaSharp) the
/// generator writes byte-identical files. Stored as snake_case JSON, like the experiment configs (<c>data-manifests/synthetic/default.json</c>).
/// </summary>
public sealed record SyntheticConfig
{
    /// <summary>Number of species, 1..200 (FG-XMedia has 200).</summary>
    public int Classes { get; init; } = 20;

    /// <summary>Species per family (the last family may be smaller); species of a family share most attributes.</summary>
    public int FamilySize { get; init; } = 4;

    /// <summary>Seed of everything random.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Difficulty in [0, 1]: image pixel noise and lighting jitter, audio background noise (SNR 25 dB at 0 down to 5 dB
    /// at 1), pitch and timing jitter and chance of another bird's chirp, and how often descriptions leave a trait out.
    /// </summary>
    public double Noise { get; init; } = 0.5;

    /// <summary>
    /// In [0, 1]: the chance that a species keeps each of its family's attributes other than the two that define it (one
    /// visual, one of the call). 1: siblings differ in exactly those two; 0: families mean nothing.
    /// </summary>
    public double FamilySimilarity { get; init; } = 0.95;

    /// <summary>Images per class.</summary>
    public SplitCounts Images { get; init; } = new(16, 8);

    /// <summary>Text descriptions per class.</summary>
    public SplitCounts Texts { get; init; } = new(128, 8);

    /// <summary>
    /// How descriptions are worded: "caption" (one CUB-like caption of terse trait phrases, so that the CPU configuration's
    /// 96-character window names most traits) or "prose" (several sentences with unrelated ones mixed in; a 96-character
    /// window holds about two of them). See <see cref="DescriptionStyle"/>.
    /// </summary>
    public string TextStyle { get; init; } = "caption";

    /// <summary><see cref="TextStyle"/>, parsed.</summary>
    [JsonIgnore]
    public DescriptionStyle DescriptionStyle => TextStyle switch
    {
        "caption" => DescriptionStyle.Caption,
        "prose" => DescriptionStyle.Prose,
        _ => throw new ArgumentException($"text_style must be \"caption\" or \"prose\", got \"{TextStyle}\""),
    };

    /// <summary>Recordings (and so spectrogram images) per class.</summary>
    public SplitCounts Audio { get; init; } = new(16, 8);

    /// <summary>Videos per class.</summary>
    public SplitCounts Videos { get; init; } = new(6, 3);

    /// <summary>Frames per video (the real test videos have 25).</summary>
    public int FramesPerVideo { get; init; } = 8;

    /// <summary>Side of the square JPEG images, pixels.</summary>
    public int ImageSize { get; init; } = 128;

    /// <summary>Side of the square JPEG video frames, pixels.</summary>
    public int VideoFrameSize { get; init; } = 128;

    /// <summary>Side of the square spectrogram PNGs, pixels (the real data: 700).</summary>
    public int AudioImageSize { get; init; } = 128;

    /// <summary>Length of each recording, seconds.</summary>
    public double AudioSeconds { get; init; } = 1.5;

    /// <summary>Sample rate of the WAV recordings, Hz.</summary>
    public int AudioSampleRate { get; init; } = 22050;

    /// <summary>JPEG quality of images and frames, 1..100.</summary>
    public int JpegQuality { get; init; } = 90;

    /// <summary>Media to generate: any of image, text, audio, video.</summary>
    public IReadOnlyList<string> Media { get; init; } = ["image", "text", "audio", "video"];

    /// <summary>The media to generate, parsed, in stacking order.</summary>
    [JsonIgnore]
    public IReadOnlyList<Medium> SelectedMedia => [.. Media.Select(m => FgCrossNet.Core.Media.TryParse(m, out var medium) ? medium : throw new ArgumentException($"media: '{m}' is not one of image, text, audio, video")).Distinct().Order()];

    /// <summary>
    /// A dataset small enough to generate and train on in seconds (notebooks, quick looks): <paramref name="trainPerClass"/>
    /// train and 2 test items per class for images, texts and audio, one train and one test video of 3 frames, 1-second
    /// calls, images and frames of <paramref name="imageSize"/> pixels.
    /// </summary>
    public static SyntheticConfig Tiny(int classes = 4, int trainPerClass = 3, int imageSize = 64, int seed = 0) => new()
    {
        Classes = classes,
        Seed = seed,
        Images = new(trainPerClass, 2),
        Texts = new(trainPerClass, 2),
        Audio = new(trainPerClass, 2),
        Videos = new(1, 1),
        FramesPerVideo = 3,
        ImageSize = imageSize,
        VideoFrameSize = imageSize,
        AudioImageSize = imageSize,
        AudioSeconds = 1.0,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        static void Check(bool ok, string message) { if (!ok) throw new ArgumentException(message); }
        Check(Classes is >= 1 and <= 200, $"classes must be in [1, 200], got {Classes}");
        Check(FamilySize is >= 1 and <= 4, $"family_size must be in [1, 4] (each family needs distinct values of its defining traits), got {FamilySize}");
        Check(Noise is >= 0 and <= 1, $"noise must be in [0, 1], got {Noise}");
        Check(FamilySimilarity is >= 0 and <= 1, $"family_similarity must be in [0, 1], got {FamilySimilarity}");
        foreach (var (name, counts) in new[] { ("images", Images), ("texts", Texts), ("audio", Audio), ("videos", Videos) })
        {
            Check(counts is not null, $"{name} must give train and test counts");
            Check(counts!.Train >= 0 && counts.Test >= 0 && counts.Total <= 10000, $"{name}: train and test must be in [0, 10000] in total, got {counts.Train} + {counts.Test}");
        }
        _ = DescriptionStyle;
        Check(FramesPerVideo is >= 1 and <= 1000, $"frames_per_video must be in [1, 1000], got {FramesPerVideo}");
        Check(ImageSize is >= 16 and <= 2048, $"image_size must be in [16, 2048], got {ImageSize}");
        Check(VideoFrameSize is >= 16 and <= 2048, $"video_frame_size must be in [16, 2048], got {VideoFrameSize}");
        Check(AudioImageSize is >= 16 and <= 2048, $"audio_image_size must be in [16, 2048], got {AudioImageSize}");
        Check(AudioSeconds is >= 0.2 and <= 60, $"audio_seconds must be in [0.2, 60], got {AudioSeconds}");
        Check(AudioSampleRate is >= 16000 and <= 96000, $"audio_sample_rate must be in [16000, 96000] (calls reach 8 kHz), got {AudioSampleRate}");
        Check(JpegQuality is >= 1 and <= 100, $"jpeg_quality must be in [1, 100], got {JpegQuality}");
        Check(Media is { Count: > 0 }, "media must name at least one of image, text, audio, video");
        foreach (var medium in SelectedMedia)
        {
            var counts = medium switch { Medium.Image => Images, Medium.Text => Texts, Medium.Audio => Audio, _ => Videos };
            Check(counts.Train >= 1 && counts.Test >= 1, $"{medium.FolderName()}: generating it needs at least 1 train and 1 test item per class");
        }
    }

    /// <summary>Reads a JSON configuration; absent properties keep their defaults, unknown ones are refused.</summary>
    public static SyntheticConfig Load(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException(path, "configuration file not found");
        SyntheticConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<SyntheticConfig>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(path, e.LineNumber is { } line ? (int)line + 1 : null, e.Message);
        }
        if (config is null) throw new InvalidInputException(path, "the file holds no configuration (null)");
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(path, e.Message);
        }
        return config;
    }

    /// <summary>The configuration as indented snake_case JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    internal static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
    };
}
