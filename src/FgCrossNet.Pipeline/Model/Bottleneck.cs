using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FgCrossNet.Model;

/// <summary>
/// The residual block of ResNet-50/101/152, as in torchvision ("ResNet v1.5": the stride sits in the 3×3 convolution,
/// as in the reference): for input x [N, inPlanes, H, W],
/// <c>y = relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x)))))))) + shortcut(x))</c> with conv1 1×1 (inPlanes → planes),
/// conv2 3×3 with the block's stride and padding 1 (planes → planes), conv3 1×1 (planes → 4·planes), all without bias,
/// and <c>shortcut = downsample</c> (1×1 convolution with the stride, then batch norm) when the shape changes, else the
/// identity. Output [N, 4·planes, ⌈H/stride⌉, ⌈W/stride⌉].
/// Parameter names: <c>conv1.weight</c>, <c>bn1.*</c>, <c>conv2.weight</c>, <c>bn2.*</c>, <c>conv3.weight</c>, <c>bn3.*</c>,
/// <c>downsample.0.weight</c>, <c>downsample.1.*</c>.
/// </summary>
public sealed class Bottleneck : nn.Module<Tensor, Tensor>
{
    /// <summary>Output channels over <c>planes</c>.</summary>
    public const int Expansion = 4;

    // Field names are the state dict names.
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv3;
    private readonly BatchNorm2d bn3;
    private readonly Sequential? downsample;

    public Bottleneck(long inPlanes, long planes, long stride = 1, Sequential? downsample = null)
        : base(nameof(Bottleneck))
    {
        conv1 = nn.Conv2d(inPlanes, planes, 1, bias: false);
        bn1 = nn.BatchNorm2d(planes);
        conv2 = nn.Conv2d(planes, planes, 3, stride: stride, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(planes);
        conv3 = nn.Conv2d(planes, planes * Expansion, 1, bias: false);
        bn3 = nn.BatchNorm2d(planes * Expansion);
        this.downsample = downsample;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = bn1.call(conv1.call(input)).relu_();
        x = bn2.call(conv2.call(x)).relu_();
        x = bn3.call(conv3.call(x));
        var shortcut = downsample is null ? input : downsample.call(input);
        return x.add_(shortcut).relu_().MoveToOuterDisposeScope();
    }
}
