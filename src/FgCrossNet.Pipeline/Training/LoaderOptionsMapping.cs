using FgCrossNet.Core;
using FgCrossNet.Data.Loading;

namespace FgCrossNet.Training;

/// <summary>Maps the config's <c>data</c> section (and a stage) to the loaders' options.</summary>
public static class LoaderOptionsMapping
{
    /// <summary>The media of <c>data.media</c>, in stacking order.</summary>
    public static IReadOnlyList<Medium> Media(ExperimentConfig config) =>
        config.Data.Media.Select(name => Core.Media.TryParse(name, out var m) ? m : throw new ArgumentException($"data.media: unknown medium '{name}'"))
            .Order().ToArray();

    /// <summary>The media a stage trains (<c>stageN.media</c>, or all of <c>data.media</c>), in stacking order.</summary>
    public static IReadOnlyList<Medium> Media(ExperimentConfig config, StageConfig stage) =>
        stage.Media.Length == 0 ? Media(config) : Media(config with { Data = config.Data with { Media = stage.Media } });

    /// <summary>Items of each medium per step in a stage.</summary>
    public static int BatchPerMedium(ExperimentConfig config, StageConfig stage) =>
        stage.BatchPerMedium > 0 ? stage.BatchPerMedium : config.Data.BatchPerMedium;

    /// <summary>Items per step in a stage over all its media.</summary>
    public static int RowsPerStep(ExperimentConfig config, StageConfig stage) => Media(config, stage).Count * BatchPerMedium(config, stage);

    /// <summary>Image-like preprocessing; training adds random crop and flip when <c>data.augment</c> is on.</summary>
    public static ImagePreprocessOptions Image(ExperimentConfig config, bool training) => new()
    {
        Scale = config.Data.ImageScale,
        Crop = config.Data.Crop,
        Augmentation = training && config.Data.Augment ? ImageAugmentation.RandomCropAndFlip : ImageAugmentation.None,
    };

    /// <summary>Text encoding; training adds the reference's random left padding when <c>data.text_random_padding</c> is on.</summary>
    public static TextEncodingOptions Text(ExperimentConfig config, bool training) => new()
    {
        Length = config.Data.TextLength,
        Lowercase = config.Data.TextLowercase,
        LineMode = config.Data.TextLastLineOnly ? TextLineMode.LastLineOnly : TextLineMode.WholeFile,
        Vocabulary = config.Data.TextVocabulary,
        RandomLeftPadding = training && config.Data.TextRandomPadding,
    };

    /// <summary>The training loader of one stage (its <c>steps_per_epoch</c>; 0 = the policy's natural length).</summary>
    public static CrossMediaLoaderOptions Loader(ExperimentConfig config, StageConfig stage) => new()
    {
        PerMedium = BatchPerMedium(config, stage),
        Seed = config.Seed,
        Policy = config.Data.Sampling,
        StepsPerEpoch = stage.StepsPerEpoch > 0 ? stage.StepsPerEpoch : null,
        Workers = config.Data.Workers,
        PrefetchDepth = config.Data.Prefetch,
        BadItems = config.Data.SkipBadItems ? BadItemPolicy.SkipAndCount : BadItemPolicy.FailFast,
    };
}
