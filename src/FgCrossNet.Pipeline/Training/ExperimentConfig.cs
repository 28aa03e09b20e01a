using System.Text.Json.Serialization;
using FgCrossNet.Core.Losses;
using FgCrossNet.Data.Loading;
using FgCrossNet.Model;

namespace FgCrossNet.Training;

/// <summary>
/// Everything a training run needs, as one JSON document (keys in snake_case). Built-in configurations
/// (<see cref="ExperimentConfigLoader.BuiltInNames"/>) include "paper" (the reference recipe), "cpu-small" and "tiny";
/// any key can be overridden with <c>--set section.key=value</c>. Validated before any work starts
/// (<see cref="ExperimentConfigLoader"/>): unknown keys, wrong types and out-of-range values are errors that name the key.
/// </summary>
public sealed record ExperimentConfig
{
    /// <summary>Short name used in run folder names.</summary>
    public string Name { get; init; } = "custom";

    public DataConfig Data { get; init; } = new();

    public ModelConfig Model { get; init; } = new();

    public OptimizerConfig Optimizer { get; init; } = new();

    /// <summary>
    /// Optional warm-up before stage 1, off (0 epochs) by default and in "paper": e.g. the text alone, so that the fresh
    /// text branch learns before batch norm shares its batches with the image-like media. Stage 1 continues from its last
    /// weights. Not in the reference.
    /// </summary>
    public StageConfig Stage0 { get; init; } = new() { Epochs = 0 };

    /// <summary>Stage 1: classification + center loss, from ImageNet weights (the reference's first stage).</summary>
    public StageConfig Stage1 { get; init; } = new();

    /// <summary>Stage 2: classification + center + ranking loss, from the best stage-1 checkpoint.</summary>
    public StageConfig Stage2 { get; init; } = new() { RankingWeight = 0.1, Init = StageInit.BestOfPreviousStage };

    public EvaluationConfig Evaluation { get; init; } = new();

    /// <summary>The stages in training order, numbered: the optional warm-up (0), then the reference's two.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<(int Number, StageConfig Config)> Stages => [(0, Stage0), (1, Stage1), (2, Stage2)];

    /// <summary>Seed of every random choice (initialisation, shuffling, augmentation).</summary>
    public int Seed { get; init; }

    /// <summary>"cpu" or "cuda" (or "cuda:N"); a missing CUDA build falls back to the CPU with a message.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Intra-op threads of TorchSharp; 0 = its default.</summary>
    public int Threads { get; init; }
}

/// <summary>What a stage starts from.</summary>
public enum StageInit
{
    /// <summary>The model's pretrained weights (<see cref="ModelConfig.Pretrained"/>) or a fresh initialisation.</summary>
    Pretrained,

    /// <summary>The best checkpoint (by mean validation accuracy) of the previous stage.</summary>
    BestOfPreviousStage,

    /// <summary>The last checkpoint of the previous stage.</summary>
    LastOfPreviousStage,
}

/// <summary>The centers of a stage that continues from a previous stage's checkpoint.</summary>
public enum StageCenters
{
    /// <summary>New centers drawn from N(0, 1) (seeded by the run's seed and the stage), as the reference's new run does.</summary>
    Fresh,

    /// <summary>Ours: the centers saved with the model the stage starts from.</summary>
    Carry,
}

public sealed record DataConfig
{
    /// <summary>Media that take part, in any order (stacked as image, text, audio, video).</summary>
    public string[] Media { get; init; } = ["image", "text", "audio", "video"];

    /// <summary>Images, frames and spectrograms are resized to this square size (pixels) before cropping. Paper: 512.</summary>
    public int ImageScale { get; init; } = 512;

    /// <summary>Square crop fed to the network (pixels). Paper: 448.</summary>
    public int Crop { get; init; } = 448;

    /// <summary>Characters per text (the text branch reshapes to L x L). Paper: 448.</summary>
    public int TextLength { get; init; } = 448;

    /// <summary>Items of each medium per step (the step's batch is 4 x this). Paper: 4.</summary>
    public int BatchPerMedium { get; init; } = 4;

    /// <summary>How steps are drawn when the media have different sizes (see <see cref="BatchPolicy"/>).</summary>
    public BatchPolicy Sampling { get; init; } = BatchPolicy.BalancedShuffled;

    /// <summary>
    /// Training augmentation of image-like media: random crop and horizontal flip. Not in the reference (it resizes and
    /// centre-crops training images as test images): paper false.
    /// </summary>
    public bool Augment { get; init; } = true;

    /// <summary>The reference's training augmentation of text: 0, 2, 4, 6 or 8 zeros (uniformly) before the text. Paper: true.</summary>
    public bool TextRandomPadding { get; init; } = true;

    /// <summary>The characters the text encoder keeps (<see cref="Data.Loading.TextVocabulary"/>). Paper: reference (68, no space).</summary>
    public TextVocabulary TextVocabulary { get; init; } = TextVocabulary.Reference;

    /// <summary>Lower-case text before encoding (the reference does not: its vocabulary drops capitals). Paper: false.</summary>
    public bool TextLowercase { get; init; }

    /// <summary>Keep only the last line of each text file, as the reference does (false: the whole file). Paper: true.</summary>
    public bool TextLastLineOnly { get; init; }

    /// <summary>Which listed frames represent a video at evaluation (<see cref="VideoFrameSelection"/>). Paper: all_listed.</summary>
    public VideoFrameSelection VideoFrames { get; init; } = VideoFrameSelection.AllListed;

    /// <summary>Frames per video with <c>video_frames = uniform</c> (uniformly sampled). Ignored with all_listed.</summary>
    public int VideoEvalFrames { get; init; } = 25;

    /// <summary>How a video's frame outputs become its feature (<see cref="Model.VideoPooling"/>). Paper: mean_logits.</summary>
    public VideoPooling VideoPooling { get; init; } = VideoPooling.MeanLogits;

    /// <summary>Background workers that decode and preprocess batches.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Batches prepared ahead of the training step.</summary>
    public int Prefetch { get; init; } = 4;

    /// <summary>
    /// An unreadable item (undecodable image, empty text, ...; every item is read before a run starts) stops the run
    /// before its folder is made (false) or is left out of training and validation, named in the output and counted in
    /// <c>metrics.jsonl</c> and <c>summary.json</c> (true).
    /// </summary>
    public bool SkipBadItems { get; init; }

    /// <summary>
    /// The dataset root a run trains on: recorded by <c>train</c> from <c>--data</c> (an absolute path) in the run's
    /// <c>config.json</c>, so that <c>--resume</c> finds it without <c>--data</c>. Empty in the built-in configs; a value
    /// in a config file is replaced by <c>--data</c>.
    /// </summary>
    public string Root { get; init; } = "";
}

public sealed record ModelConfig
{
    /// <summary>ResNet depth: 18, 34, 50, 101 or 152. Paper: 50.</summary>
    public int Depth { get; init; } = 50;

    /// <summary>Number of classes (output size). FG-XMedia: 200.</summary>
    public int Classes { get; init; } = 200;

    /// <summary>
    /// What stage 1 starts from: <c>"imagenet"</c> (ML.NET's offline ImageNet ResNet-18, depth 18 only:
    /// <see cref="FgCrossNet.Model.ImageNetResNet18"/>), a checkpoint file (torchvision ImageNet weights or an FGCrossNet
    /// checkpoint, .pth or .dat), or empty for a random start.
    /// </summary>
    public string Pretrained { get; init; } = "";

    /// <summary>
    /// Multiplies the freshly initialised text branch's output (its last layer, <c>conv0</c>) by this at the start of a
    /// run (<see cref="FgCrossNet.Model.TextBranchGain"/>); a text branch loaded from an FGCrossNet checkpoint is not
    /// scaled. Not in the reference: paper 1.
    /// </summary>
    public double TextBranchGain { get; init; } = 1;
}

public sealed record OptimizerConfig
{
    /// <summary>SGD learning rate. Paper: 0.001.</summary>
    public double Lr { get; init; } = 0.001;

    public double Momentum { get; init; } = 0.9;

    public double WeightDecay { get; init; }

    /// <summary>StepLR: the learning rate is multiplied by <see cref="Gamma"/> every this many epochs. Paper: 3.</summary>
    public int StepEpochs { get; init; } = 3;

    public double Gamma { get; init; } = 0.5;

    /// <summary>
    /// Learning-rate multiplier for the parts a pretrained backbone does not provide: the text branch (embed, conv01,
    /// conv02, conv0) and the classifier fc. Not in the reference (one rate for everything): paper 1.
    /// </summary>
    public double FreshLrScale { get; init; } = 1;
}

public sealed record StageConfig
{
    /// <summary>Epochs of this stage; 0 skips it. Paper: 50.</summary>
    public int Epochs { get; init; } = 50;

    /// <summary>Optimizer steps per epoch; 0 = as the sampling policy decides.</summary>
    public int StepsPerEpoch { get; init; }

    /// <summary>The media trained in this stage, a subset of <c>data.media</c>; empty = all of them. Validation always covers all of them.</summary>
    public string[] Media { get; init; } = [];

    /// <summary>Items of each medium per step in this stage; 0 = <c>data.batch_per_medium</c>.</summary>
    public int BatchPerMedium { get; init; }

    /// <summary>
    /// This stage's starting learning rate as a multiple of <see cref="OptimizerConfig.Lr"/>; its step schedule restarts
    /// from there. Paper: 1 in both stages (stage 2 restarts at the same rate as stage 1).
    /// </summary>
    public double LrScale { get; init; } = 1;

    /// <summary>
    /// The center-loss centers a stage that continues from a previous stage starts with (<see cref="StageCenters"/>).
    /// Paper: fresh (the reference's stage 2 is a new run of its training script, with new random centers).
    /// </summary>
    public StageCenters Centers { get; init; } = StageCenters.Fresh;

    /// <summary>Weight of the per-medium cross-entropy, summed over media.</summary>
    public double ClassificationWeight { get; init; } = 1;

    /// <summary>Weight of the center loss. Paper: 0.001 (its centers then move at an effective weight of 1).</summary>
    public double CenterWeight { get; init; } = 0.001;

    /// <summary>Weight of the quadruplet ranking loss. Paper: 0 in stage 1, 0.1 in stage 2.</summary>
    public double RankingWeight { get; init; }

    /// <summary>
    /// The ranking loss's <see cref="QuadrupletRankingLossBase.AnchorNegativeMargin"/>; its key is the paper's name for
    /// it, <c>ranking_margin1</c> (m1).
    /// </summary>
    [JsonPropertyName("ranking_margin1")]
    public double AnchorNegativeMargin { get; init; } = QuadrupletRankingLossBase.DefaultAnchorNegativeMargin;

    /// <summary>
    /// The ranking loss's <see cref="QuadrupletRankingLossBase.NegativePairMargin"/>; its key is the paper's name for
    /// it, <c>ranking_margin2</c> (m2).
    /// </summary>
    [JsonPropertyName("ranking_margin2")]
    public double NegativePairMargin { get; init; } = QuadrupletRankingLossBase.DefaultNegativePairMargin;

    public StageInit Init { get; init; } = StageInit.Pretrained;
}

public sealed record EvaluationConfig
{
    /// <summary>Compute the 16 MAP scores on the validation split every this many epochs (0 = never; accuracy is always reported).</summary>
    public int MapEveryEpochs { get; init; }

    /// <summary>The feature items are ranked by (<see cref="Model.RetrievalFeature"/>). Paper: softmax.</summary>
    public RetrievalFeature RetrievalFeature { get; init; } = RetrievalFeature.Softmax;

    /// <summary>Validation split: the list file name under <c>list/&lt;medium&gt;/</c> ("test" for FG-XMedia, which has no separate validation list).</summary>
    public string Split { get; init; } = "test";
}
