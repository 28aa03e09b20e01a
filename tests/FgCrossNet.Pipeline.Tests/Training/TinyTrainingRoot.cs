using FgCrossNet.Synthetic;
using FgCrossNet.Training;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Training;

/// <summary>
/// A tiny synthetic dataset (3 classes (the fewest with valid quadruplets), a few items per medium, 32-px images) generated once for the training tests,
/// and the built-in tiny config. TorchSharp runs on one intra-op thread
/// in these tests, so that parallel reductions cannot round differently between runs (the resume test compares weights
/// bit for bit).
/// </summary>
public sealed class TinyTrainingRoot : IDisposable
{
    private readonly TempFolder _folder = new();

    public TinyTrainingRoot()
    {
        set_num_threads(1);
        Root = Path.Combine(_folder.Path, "data");
        SyntheticDatasetGenerator.Generate(new SyntheticConfig
        {
            Classes = 3,
            Images = new(4, 2),
            Texts = new(4, 2),
            Audio = new(4, 2),
            Videos = new(2, 1),
            FramesPerVideo = 2,
            ImageSize = 40,
            VideoFrameSize = 40,
            AudioImageSize = 40,
            AudioSeconds = 0.3,
        }, Root, threads: 1);
    }

    public string Root { get; }

    /// <summary>A fresh folder for run folders, inside this fixture's temporary folder.</summary>
    public string NewRunsFolder()
    {
        var path = Path.Combine(_folder.Path, "runs-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A copy of the dataset root to break, inside this fixture's temporary folder.</summary>
    public string CopyOfRoot()
    {
        var copy = Path.Combine(_folder.Path, "data-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var file in Directory.GetFiles(Root, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }

    /// <summary>The built-in tiny config without its text warm-up, on one thread, with <c>key=value</c> overrides.</summary>
    public static ExperimentConfig Config(params string[] overrides) =>
        ExperimentConfigLoader.Load("tiny", ["stage0.epochs=0", "threads=1", .. overrides]);

    public void Dispose() => _folder.Dispose();
}

/// <summary>The training tests share one tiny dataset and run one after another (TorchSharp's thread count is global).</summary>
[CollectionDefinition(Name)]
public sealed class TrainingCollection : ICollectionFixture<TinyTrainingRoot>
{
    public const string Name = "Training";
}
