using FgCrossNet.Data.Loading;

namespace FgCrossNet.Training;

/// <summary>
/// The datasets of a run: the training split of every medium in <c>data.media</c> (video frame by frame, augmented
/// when <c>data.augment</c> is on; resized images cached in memory) and the <see cref="ValidationSet"/>. Opening checks
/// every list file and listed file, so data problems surface before any work, naming the file.
/// </summary>
public sealed class TrainingData
{
    /// <summary>Resized images kept in memory per training dataset (bytes).</summary>
    public const long CacheBytesPerDataset = 1L << 30;

    private TrainingData(string root, CrossMediaDatasets train, ValidationSet validation)
    {
        Root = root;
        Train = train;
        Validation = validation;
    }

    public string Root { get; }

    public CrossMediaDatasets Train { get; }

    public ValidationSet Validation { get; }

    /// <summary>The training loader of one stage: its media (<c>stageN.media</c>), batch and steps per epoch.</summary>
    public CrossMediaLoader Loader(ExperimentConfig config, StageConfig stage) =>
        new(Train.Only([.. TrainingDataOptions.Media(config, stage)]), TrainingDataOptions.Loader(config, stage));

    public static TrainingData Open(ExperimentConfig config, string root)
    {
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root)) throw new FgCrossNet.IO.InvalidInputException(root, "the dataset root does not exist");
        var train = CrossMediaDatasets.Open(root, "train", TrainingDataOptions.Image(config, training: true),
            TrainingDataOptions.Text(config, training: true), TrainingDataOptions.Media(config), config.Model.Classes);
        foreach (var dataset in new[] { train.Image, train.Audio, train.Video })
            if (dataset is ImageListDataset images) images.Cache = new ResizedImageCache(CacheBytesPerDataset);
        return new TrainingData(root, train, new ValidationSet(config, root));
    }
}
