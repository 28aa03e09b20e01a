using FgCrossNet.Core.Retrieval;
using FgCrossNet.Data;
using FgCrossNet.Evaluation;
using FgCrossNet.Export;
using FgCrossNet.Inference;
using FgCrossNet.IO;
using FgCrossNet.Progress;
using FgCrossNet.Synthetic;
using FgCrossNet.Training;

namespace FgCrossNet.Experiments;

/// <summary>
/// The one folder the notebook series works in, so that each notebook picks up what the previous one made:
/// <c>data.txt</c> (the dataset root 01 pointed at) or <c>data/</c> (the synthetic root 01 made), <c>runs/</c> (02),
/// <c>export/model.onnx</c> (03), <c>features/</c> (04), <c>evaluation/scores.json</c> (05), <c>ablations/</c> (06),
/// <c>figures/</c> (07). Each accessor returns what is there and, when it is missing, makes a tiny one (the built-in
/// <c>tiny</c> config on a 3-class synthetic root), so any notebook runs alone; every accessor logs which input it used.
/// Work that takes a while (synthesis, training, extraction, evaluation) shows its progress in the running cell's output
/// (<see cref="NotebookCellProgress"/>), one display updated in place.
/// </summary>
public sealed class NotebookWorkspace
{
    /// <summary>Names the workspace folder when the notebook's parameters cell leaves it empty (CI sets it).</summary>
    public const string EnvironmentVariable = "FGX_NOTEBOOK_WORKSPACE";

    /// <summary>The folder used when neither the parameters cell nor the environment names one: <c>out/</c> beside the notebooks.</summary>
    public const string DefaultFolder = "out";

    /// <summary>The built-in config of the tiny run made when a notebook needs a run and the workspace has none.</summary>
    public const string TinyConfig = "tiny";

    /// <summary>The synthetic dataset made when the workspace has no data: as many classes as <see cref="TinyConfig"/> has.</summary>
    public static SyntheticConfig TinyData => SyntheticConfig.Tiny(classes: 3, trainPerClass: 4, imageSize: 40);

    private NotebookWorkspace(string folder, Action<string> log)
    {
        Folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(Folder);
        Log = log;
    }

    public string Folder { get; }

    /// <summary>Where the accessors say what they found or made.</summary>
    public Action<string> Log { get; }

    private string DataPointerFile => Path.Combine(Folder, "data.txt");
    public string SyntheticDataRoot => Path.Combine(Folder, "data");
    public string RunsFolder => Path.Combine(Folder, "runs");
    public string ExportFolder => Path.Combine(Folder, "export");
    public string ModelPath => Path.Combine(ExportFolder, "model.onnx");
    public string FeaturesFolder => Path.Combine(Folder, "features");
    public string ScoresPath => Path.Combine(Folder, "evaluation", RunEvaluation.ScoresFile);
    public string AblationsFolder => Path.Combine(Folder, "ablations");
    public string FiguresFolder => Path.Combine(Folder, "figures");

    /// <summary>
    /// Opens the workspace <paramref name="folder"/>; when it is empty, the folder named by <see cref="EnvironmentVariable"/>,
    /// else <see cref="DefaultFolder"/>. Relative paths resolve against the working directory (a notebook's folder).
    /// </summary>
    public static NotebookWorkspace Open(string folder = "", Action<string>? log = null)
    {
        if (folder.Length == 0) folder = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } named ? named : DefaultFolder;
        var workspace = new NotebookWorkspace(folder, log ?? Console.WriteLine);
        workspace.Log($"workspace: {workspace.Folder}");
        return workspace;
    }

    /// <summary>Points the workspace at an existing dataset root (with <c>classes.txt</c>); later notebooks use it.</summary>
    public string UseData(string dataRoot)
    {
        var root = Path.GetFullPath(dataRoot);
        var classes = Path.Combine(root, ClassListFile.FileName);
        if (!File.Exists(classes)) throw new InvalidInputException(classes, "not a dataset root: it has no class list");
        AtomicFile.WriteAllText(DataPointerFile, root + "\n");
        Log($"data: {root} ({ClassListFile.Read(classes).Count} classes), recorded in {DataPointerFile}");
        return root;
    }

    /// <summary>Generates the synthetic dataset <paramref name="config"/> as the workspace's data (replacing any earlier one).</summary>
    public string MakeSyntheticData(SyntheticConfig config)
    {
        SyntheticDatasetGenerator.Generate(config, SyntheticDataRoot, overwrite: true, progress: NotebookCellProgress.Create());
        File.Delete(DataPointerFile);
        Log($"data: made a synthetic root with {config.Classes} classes in {SyntheticDataRoot}");
        return SyntheticDataRoot;
    }

    /// <summary>
    /// The dataset root: <paramref name="dataRoot"/> if given, else the one 01 pointed at, else the synthetic root in the
    /// workspace, else a new <see cref="TinyData"/> root.
    /// </summary>
    public string DataRoot(string dataRoot = "")
    {
        if (dataRoot.Length > 0) return Given("data", dataRoot);
        if (File.Exists(DataPointerFile))
        {
            var root = File.ReadAllText(DataPointerFile).Trim();
            if (!File.Exists(Path.Combine(root, ClassListFile.FileName)))
                throw new InvalidInputException(DataPointerFile, $"points at {root}, which has no {ClassListFile.FileName}: run 01-data again");
            return Found("data", root);
        }
        if (File.Exists(Path.Combine(SyntheticDataRoot, ClassListFile.FileName))) return Found("data", SyntheticDataRoot);
        Log($"data: none in the workspace, making a tiny synthetic one");
        return MakeSyntheticData(TinyData);
    }

    /// <summary>The classes of <see cref="DataRoot"/>'s class list (what <c>model.classes</c> must be).</summary>
    public int ClassCount(string dataRoot) => ClassListFile.Read(Path.Combine(dataRoot, ClassListFile.FileName)).Count;

    /// <summary>Loads a config (built-in name or file) for <paramref name="dataRoot"/>: <c>model.classes</c> is set to its class count, then <paramref name="overrides"/>.</summary>
    public ExperimentConfig Config(string nameOrFile, string dataRoot, IEnumerable<string>? overrides = null) =>
        ExperimentConfigLoader.Load(nameOrFile, [$"model.classes={ClassCount(dataRoot)}", .. overrides ?? []]);

    /// <summary>
    /// A finished training run: <paramref name="runFolder"/> if given, else the newest finished run in
    /// <see cref="RunsFolder"/>, else a new run of <see cref="TinyConfig"/> on <see cref="DataRoot"/>.
    /// </summary>
    public string Run(string runFolder = "")
    {
        if (runFolder.Length > 0) return Given("run", runFolder);
        var newest = Directory.Exists(RunsFolder)
            ? Directory.GetDirectories(RunsFolder).Where(IsFinished).OrderBy(Path.GetFileName, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (newest is not null) return Found("run", newest);
        var root = DataRoot();
        Log($"run: no finished run in {RunsFolder}, training a tiny one ({TinyConfig} config)");
        var result = TwoStageTrainer.Start(Config(TinyConfig, root), root, RunsFolder, TinyConfig, new TrainingOptions { Progress = NotebookCellProgress.Create() });
        Log($"run: trained {result.RunFolder} in {result.Seconds:F0} s");
        return result.RunFolder;
    }

    private static bool IsFinished(string runFolder) =>
        File.Exists(Path.Combine(runFolder, RunFolder.SummaryFile)) &&
        File.Exists(Path.Combine(runFolder, RunFolder.CheckpointFolder, TrainingCheckpoints.FinalTorchSharpFile));

    /// <summary>Exports <paramref name="runFolder"/> (default: <see cref="Run"/>) to <see cref="ModelPath"/> and its text companion.</summary>
    public ExportResult Export(string runFolder = "")
    {
        var run = Run(runFolder);
        var export = FgCrossNetExporter.ExportRun(run, ModelPath);
        Log($"export: wrote {export.ImagePath} and {Path.GetFileName(export.TextPath)}");
        return export;
    }

    /// <summary>An exported model: <paramref name="modelPath"/> if given, else <see cref="ModelPath"/>, else a new <see cref="Export"/>.</summary>
    public string Model(string modelPath = "")
    {
        if (modelPath.Length > 0) return Given("model", modelPath);
        return File.Exists(ModelPath) ? Found("model", ModelPath) : Export().ImagePath;
    }

    /// <summary>Extracts the test features of <see cref="DataRoot"/> with <see cref="Model"/> into <see cref="FeaturesFolder"/>.</summary>
    public IReadOnlyList<MediumExtractionReport> Extract(string modelPath = "", string dataRoot = "", FeatureEngine engine = FeatureEngine.MlNet)
    {
        var reports = FeatureExtraction.Run(new ExtractionOptions
        {
            ModelPath = Model(modelPath), DataRoot = DataRoot(dataRoot), OutputFolder = FeaturesFolder, Engine = engine, Force = true,
            Progress = NotebookCellProgress.Create(),
        });
        Log($"features: extracted {reports.Sum(r => r.Rows)} items into {FeaturesFolder}");
        return reports;
    }

    /// <summary>A features folder: <paramref name="featuresDir"/> if given, else <see cref="FeaturesFolder"/> when every medium is there, else a new <see cref="Extract"/>.</summary>
    public string Features(string featuresDir = "")
    {
        if (featuresDir.Length > 0) return Given("features", featuresDir);
        if (Core.Media.All.All(m => File.Exists(FeatureFolder.FeatureFile(FeaturesFolder, m)))) return Found("features", FeaturesFolder);
        Log($"features: none in {FeaturesFolder}, extracting them");
        Extract();
        return FeaturesFolder;
    }

    /// <summary>Scores <see cref="Features"/> under <paramref name="protocol"/> and writes <see cref="ScoresPath"/>.</summary>
    public FolderEvaluation Evaluate(EvaluationProtocol protocol, string featuresDir = "")
    {
        var evaluation = CrossMediaEvaluation.FromFolder(Features(featuresDir), protocol, new ScoresOutput(ScoresPath), log: Log, warn: Log);
        Log($"scores: wrote {ScoresPath}");
        return evaluation;
    }

    /// <summary>The score card in <see cref="ScoresPath"/>; when there is none, <see cref="Evaluate"/> with <paramref name="protocol"/> makes it.</summary>
    public CrossMediaScoreCard Scores(EvaluationProtocol protocol)
    {
        if (File.Exists(ScoresPath)) return ScoreCardJson.Read(Found("scores", ScoresPath));
        Log($"scores: none in {ScoresPath}, evaluating");
        return Evaluate(protocol).Card;
    }

    /// <summary>
    /// The results the figures are made from. With <paramref name="runFolder"/>, an evaluated run's own (evaluated now if
    /// it is not): its <c>eval/scores.json</c>, <c>eval/features/</c> and the data root it was trained on. Without, the
    /// series': <see cref="Scores"/> (made with <see cref="RunEvaluation.Protocol"/> when missing), <see cref="Features"/>,
    /// the newest <see cref="Run"/> and <see cref="DataRoot"/>.
    /// </summary>
    public NotebookResults Results(string runFolder = "")
    {
        if (runFolder.Length == 0)
            return new(Scores(RunEvaluation.Protocol(seed: 0)), Features(), Run(), DataRoot());
        var run = Given("run", runFolder);
        if (!RunEvaluation.IsEvaluated(run)) RunEvaluation.Evaluate(run, log: Log, progress: NotebookCellProgress.Create());
        var dataRoot = new TrainingCheckpoints(Path.Combine(run, RunFolder.CheckpointFolder)).ReadLast()?.DataRoot
            ?? throw new InvalidInputException(run, "the run does not record its data root");
        return new(ScoreCardJson.Read(Found("scores", RunEvaluation.ScoresPath(run))),
            Found("features", Path.Combine(run, RunEvaluation.Folder, RunEvaluation.FeaturesFolder)), run, Found("data", dataRoot));
    }

    private string Found(string what, string path)
    {
        Log($"{what}: found {path}");
        return path;
    }

    private string Given(string what, string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full) && !Directory.Exists(full)) throw new InvalidInputException(full, $"the given {what} does not exist");
        Log($"{what}: given {full}");
        return full;
    }
}

/// <summary>What <see cref="NotebookWorkspace.Results"/> found: the scores, the features scored, the run (its training curves) and its data root.</summary>
public sealed record NotebookResults(CrossMediaScoreCard Scores, string FeaturesFolder, string RunFolder, string DataRoot);
