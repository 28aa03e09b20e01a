using FgCrossNet.Core;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FgCrossNet.Model;

/// <summary>
/// FGCrossNet's network (He, Peng and Xie, ACM MM 2019): one ResNet shared by image, text, audio and video, exactly as
/// the reference implementation builds it, with the reference's parameter names.
/// <list type="bullet">
/// <item>Backbone (<see cref="forward"/>): images [N, 3, H, W] float → <c>conv1</c> 7×7/2 (no bias) → <c>bn1</c> → ReLU →
/// max-pool 3×3/2 (padding 1) → <c>layer1</c>..<c>layer4</c> → adaptive average pooling to 1×1 → <c>fc</c> → [N, C].
/// Adaptive pooling accepts any input size; at 448×448 it equals the reference's 14×14 average pooling.</item>
/// <item>Text branch (<see cref="TextBranch"/>): character indices [N, L] int64 in 0..69 → <c>embed</c> [N, L, 16] →
/// transpose [N, 16, L] → <c>conv01</c> (k3, p1) [N, ⌊L/2⌋, L] → ReLU → <c>conv02</c> (k3, p1) [N, L, L], with no
/// activation after it, as in the reference → reshape [N, 1, L, L] (row-major: channel c of conv02 becomes row c) →
/// <c>conv0</c> 3×3 (p1) → [N, 3, L, L], which then goes through the backbone (<see cref="ForwardText"/>).</item>
/// </list>
/// The output [N, C] is both the logits and, after a softmax over dimension 1, the retrieval feature.
/// </summary>
/// <remarks>
/// Initialisation as the reference: every Conv2d weight (conv0, conv1, the blocks' and downsample convolutions) is drawn
/// from N(0, 2/(k_h·k_w·out_channels)); batch norms start at weight 1, bias 0; embed, conv01, conv02, fc and conv0's bias
/// get PyTorch's default initialisation (embedding N(0, 1) with the padding row 0 zero; weights and biases of Conv1d and
/// Linear, and conv0's bias, U(−1/√fan_in, 1/√fan_in), which is what kaiming_uniform(a = √5) gives). Every draw comes from
/// the generator given to the constructor (TorchSharp's global generator when none is), so that a seeded network does not
/// depend on what other code drew from the global generator.
/// </remarks>
public sealed class FgCrossNetModel : nn.Module<Tensor, Tensor>
{
    /// <summary>The top-level modules of the text branch, which torchvision checkpoints lack: embed, conv01, conv02, conv0.</summary>
    public static IReadOnlyList<string> TextBranchModules { get; } = ["embed", "conv01", "conv02", "conv0"];

    /// <summary>The top-level module of the classifier (its width is the number of classes).</summary>
    public const string ClassifierModule = "fc";

    // Field names are the state dict names of the reference; their order is the reference's registration order.
    private readonly Embedding embed;
    private readonly Conv1d conv01;
    private readonly Conv1d conv02;
    private readonly Conv2d conv0;
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Linear fc;

    /// <summary>
    /// Builds the network described by <paramref name="config"/>, randomly initialised (see remarks) from
    /// <paramref name="generator"/> (null: TorchSharp's global generator).
    /// </summary>
    public FgCrossNetModel(NetworkArchitecture config, Generator? generator = null) : base(nameof(FgCrossNetModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;

        embed = nn.Embedding(NetworkArchitecture.AlphabetSize, NetworkArchitecture.CharacterEmbeddingSize, padding_idx: NetworkArchitecture.PaddingIndex);
        conv01 = nn.Conv1d(NetworkArchitecture.CharacterEmbeddingSize, config.TextHiddenChannels, 3, padding: 1);
        conv02 = nn.Conv1d(config.TextHiddenChannels, config.TextLength, 3, padding: 1);
        conv0 = nn.Conv2d(1, 3, 3, padding: 1);

        conv1 = nn.Conv2d(3, 64, 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(64);
        maxpool = nn.MaxPool2d(3, stride: 2, padding: 1);
        var blocks = config.Depth.BlocksPerStage();
        long inPlanes = 64;
        layer1 = MakeStage(config.Depth, ref inPlanes, 64, blocks[0], stride: 1);
        layer2 = MakeStage(config.Depth, ref inPlanes, 128, blocks[1], stride: 2);
        layer3 = MakeStage(config.Depth, ref inPlanes, 256, blocks[2], stride: 2);
        layer4 = MakeStage(config.Depth, ref inPlanes, 512, blocks[3], stride: 2);
        avgpool = nn.AdaptiveAvgPool2d(1);
        fc = nn.Linear(config.Depth.FeatureWidth(), config.NumClasses);

        RegisterComponents();
        InitializeAsReference(generator);
    }

    /// <summary>Depth, number of classes and text length of this network.</summary>
    public NetworkArchitecture Config { get; }

    /// <summary>A network with the given backbone depth, C = <paramref name="numClasses"/> and L = <paramref name="textLength"/>.</summary>
    public static FgCrossNetModel Create(ResNetDepth depth, int numClasses = NetworkArchitecture.PaperNumClasses, int textLength = NetworkArchitecture.PaperTextLength,
        Generator? generator = null) =>
        new(new NetworkArchitecture(depth, numClasses, textLength), generator);

    /// <summary>FGCrossNet on ResNet-18.</summary>
    public static FgCrossNetModel ResNet18(int numClasses = NetworkArchitecture.PaperNumClasses, int textLength = NetworkArchitecture.PaperTextLength,
        Generator? generator = null) =>
        Create(ResNetDepth.ResNet18, numClasses, textLength, generator);

    /// <summary>FGCrossNet on ResNet-34.</summary>
    public static FgCrossNetModel ResNet34(int numClasses = NetworkArchitecture.PaperNumClasses, int textLength = NetworkArchitecture.PaperTextLength,
        Generator? generator = null) =>
        Create(ResNetDepth.ResNet34, numClasses, textLength, generator);

    /// <summary>FGCrossNet on ResNet-50 (the paper's network).</summary>
    public static FgCrossNetModel ResNet50(int numClasses = NetworkArchitecture.PaperNumClasses, int textLength = NetworkArchitecture.PaperTextLength,
        Generator? generator = null) =>
        Create(ResNetDepth.ResNet50, numClasses, textLength, generator);

    /// <summary>FGCrossNet on ResNet-101.</summary>
    public static FgCrossNetModel ResNet101(int numClasses = NetworkArchitecture.PaperNumClasses, int textLength = NetworkArchitecture.PaperTextLength,
        Generator? generator = null) =>
        Create(ResNetDepth.ResNet101, numClasses, textLength, generator);

    /// <summary>FGCrossNet on ResNet-152.</summary>
    public static FgCrossNetModel ResNet152(int numClasses = NetworkArchitecture.PaperNumClasses, int textLength = NetworkArchitecture.PaperTextLength,
        Generator? generator = null) =>
        Create(ResNetDepth.ResNet152, numClasses, textLength, generator);

    /// <summary>
    /// The backbone: images, video frames or audio spectrograms [N, 3, H, W] (float, normalised) → logits [N, C].
    /// Any H, W ≥ 1 works (the pooling is adaptive); the paper uses 448×448.
    /// </summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return Classifier(Embedding(images)).MoveToOuterDisposeScope();
    }

    /// <summary>The classifier <c>fc</c>: pooled features [N, D] (<see cref="Embedding"/>) → logits [N, C].</summary>
    public Tensor Classifier(Tensor embedding) => fc.call(embedding);

    /// <summary>
    /// The backbone up to the classifier: [N, 3, H, W] → the pooled penultimate features [N, D] (D = 512 for ResNet-18/34,
    /// 2048 for deeper ones), the input of <c>fc</c>.
    /// </summary>
    public Tensor Embedding(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[1] != 3)
            throw new ArgumentException($"Expected images [N, 3, H, W], got [{string.Join(", ", images.shape)}].", nameof(images));

        using var scope = NewDisposeScope();
        var x = maxpool.call(bn1.call(conv1.call(images)).relu_());
        x = layer1.call(x);
        x = layer2.call(x);
        x = layer3.call(x);
        x = layer4.call(x);
        return avgpool.call(x).flatten(1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The text branch in front of the backbone: character indices [N, L] (int64, 0..69, 0 = padding) → a 3-channel
    /// "text image" [N, 3, L, L] (see the class summary).
    /// </summary>
    public Tensor TextBranch(Tensor tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.dim() != 2 || tokens.shape[1] != Config.TextLength)
            throw new ArgumentException($"Expected text [N, {Config.TextLength}], got [{string.Join(", ", tokens.shape)}].", nameof(tokens));
        if (tokens.dtype != ScalarType.Int64)
            throw new ArgumentException($"Expected int64 character indices, got {tokens.dtype}.", nameof(tokens));

        using var scope = NewDisposeScope();
        var x = embed.call(tokens).transpose(1, 2);
        x = conv01.call(x).relu_();
        x = conv02.call(x);
        x = x.reshape(-1, 1, Config.TextLength, Config.TextLength);
        return conv0.call(x).MoveToOuterDisposeScope();
    }

    /// <summary>Text [N, L] int64 → logits [N, C]: <see cref="TextBranch"/>, then the backbone.</summary>
    public Tensor ForwardText(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        return forward(TextBranch(tokens)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One pass over a cross-media batch, as the reference's training step: the text branch's output is stacked with the
    /// image-like rows and the backbone runs once over all of them, so that batch norm (in training mode) sees every
    /// medium's rows together. <paramref name="imageLike"/> [M·B, 3, S, S] holds the image-like media of
    /// <paramref name="imageLikeMedia"/> (each of image, audio, video at most once, in that order) in blocks of B rows;
    /// <paramref name="text"/> [B, L] is the text (or null). With text, S must equal L.
    /// Returns logits [K·B, C] with the K present media in the order image, text, audio, video (the order of the labels).
    /// </summary>
    public Tensor ForwardCrossMedia(Tensor? imageLike, IReadOnlyList<Medium> imageLikeMedia, Tensor? text)
    {
        ArgumentNullException.ThrowIfNull(imageLikeMedia);
        for (int i = 0; i < imageLikeMedia.Count; i++)
        {
            if (imageLikeMedia[i] == Medium.Text || !Enum.IsDefined(imageLikeMedia[i]))
                throw new ArgumentException($"'{imageLikeMedia[i]}' is not an image-like medium.", nameof(imageLikeMedia));
            if (i > 0 && imageLikeMedia[i] <= imageLikeMedia[i - 1])
                throw new ArgumentException("Image-like media must be distinct and in stacking order (image, audio, video).", nameof(imageLikeMedia));
        }
        if ((imageLike is null) != (imageLikeMedia.Count == 0))
            throw new ArgumentException("Image-like rows and their media must be given together.", nameof(imageLike));
        if (imageLike is null && text is null)
            throw new ArgumentException("The batch has no rows.", nameof(imageLike));
        if (imageLike is not null && (imageLike.dim() != 4 || imageLike.shape[0] % imageLikeMedia.Count != 0))
            throw new ArgumentException($"Expected image-like rows [{imageLikeMedia.Count}·B, 3, S, S], got [{string.Join(", ", imageLike.shape)}].", nameof(imageLike));

        long perMedium = text?.shape[0] ?? imageLike!.shape[0] / imageLikeMedia.Count;
        if (imageLike is not null && imageLike.shape[0] != imageLikeMedia.Count * perMedium)
            throw new ArgumentException($"Expected {imageLikeMedia.Count}·{perMedium} image-like rows (B = {perMedium} text rows), got {imageLike.shape[0]}.", nameof(imageLike));

        using var scope = NewDisposeScope();
        if (text is null) return forward(imageLike!).MoveToOuterDisposeScope();

        var textImages = TextBranch(text);
        if (imageLike is null) return forward(textImages).MoveToOuterDisposeScope();
        if (imageLike.shape[2] != Config.TextLength || imageLike.shape[3] != Config.TextLength)
            throw new ArgumentException(
                $"Image-like rows are {imageLike.shape[2]}×{imageLike.shape[3]} but the text branch makes {Config.TextLength}×{Config.TextLength}: " +
                "one backbone pass over all media needs S = L.", nameof(imageLike));

        var rows = new List<Tensor>(imageLikeMedia.Count + 1);
        foreach (var medium in Media.All)
        {
            if (medium == Medium.Text) rows.Add(textImages);
            else if (IndexOf(imageLikeMedia, medium) is var block and >= 0) rows.Add(imageLike.narrow(0, block * perMedium, perMedium));
        }
        return forward(cat(rows, 0)).MoveToOuterDisposeScope();
    }

    private static int IndexOf(IReadOnlyList<Medium> media, Medium medium)
    {
        for (int i = 0; i < media.Count; i++)
            if (media[i] == medium) return i;
        return -1;
    }

    private static Sequential MakeStage(ResNetDepth depth, ref long inPlanes, long planes, int blockCount, long stride)
    {
        long outPlanes = planes * depth.Expansion();
        Sequential? downsample = null;
        if (stride != 1 || inPlanes != outPlanes)
        {
            downsample = nn.Sequential(
                ("0", nn.Conv2d(inPlanes, outPlanes, 1, stride: stride, bias: false)),
                ("1", nn.BatchNorm2d(outPlanes)));
        }
        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>(blockCount)
        {
            ("0", MakeBlock(depth, inPlanes, planes, stride, downsample)),
        };
        inPlanes = outPlanes;
        for (int i = 1; i < blockCount; i++)
            blocks.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture), MakeBlock(depth, inPlanes, planes, 1, null)));
        return nn.Sequential(blocks);
    }

    private static nn.Module<Tensor, Tensor> MakeBlock(ResNetDepth depth, long inPlanes, long planes, long stride, Sequential? downsample) =>
        depth.UsesBottleneck()
            ? new Bottleneck(inPlanes, planes, stride, downsample)
            : new BasicBlock(inPlanes, planes, stride, downsample);

    // Tensor.normal_/uniform_, not nn.init.normal_/uniform_: in TorchSharp 0.107 the latter ignore their generator
    // argument and draw from the global generator (measured).
    private void InitializeAsReference(Generator? generator)
    {
        using var noGrad = no_grad();
        foreach (var (_, module) in named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    var shape = conv.weight!.shape;
                    conv.weight.normal_(0, Math.Sqrt(2.0 / (shape[0] * shape[2] * shape[3])), generator);
                    if (conv.bias is { } convBias) UniformByFanIn(convBias, conv.weight, generator);
                    break;
                case Conv1d conv1d:
                    UniformByFanIn(conv1d.weight!, conv1d.weight!, generator);
                    if (conv1d.bias is { } conv1dBias) UniformByFanIn(conv1dBias, conv1d.weight!, generator);
                    break;
                case Linear linear:
                    UniformByFanIn(linear.weight!, linear.weight!, generator);
                    if (linear.bias is { } linearBias) UniformByFanIn(linearBias, linear.weight!, generator);
                    break;
                case Embedding embedding:
                    embedding.weight!.normal_(0, 1, generator);
                    embedding.weight![NetworkArchitecture.PaddingIndex].zero_();
                    break;
                case BatchNorm2d norm:
                    nn.init.ones_(norm.weight!);
                    nn.init.zeros_(norm.bias!);
                    break;
            }
        }
    }

    /// <summary>PyTorch's default for Conv1d/Linear weights and all biases: U(−1/√fan_in, 1/√fan_in), fan_in of <paramref name="weight"/>.</summary>
    private static void UniformByFanIn(Tensor target, Tensor weight, Generator? generator)
    {
        long fanIn = weight.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        double bound = 1.0 / Math.Sqrt(fanIn);
        target.uniform_(-bound, bound, generator);
    }
}
