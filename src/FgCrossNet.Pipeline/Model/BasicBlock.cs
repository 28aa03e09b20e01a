using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FgCrossNet.Model;

/// <summary>
/// The residual block of ResNet-18/34, as in torchvision (and the reference): for input x [N, inPlanes, H, W],
/// <c>y = relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))</c> with 3×3 convolutions without bias (conv1 with the
/// block's stride, padding 1) and <c>shortcut = downsample</c> (1×1 convolution with the stride, then batch norm) when the
/// shape changes, else the identity. Output [N, planes, ⌈H/stride⌉, ⌈W/stride⌉].
/// Parameter names: <c>conv1.weight</c>, <c>bn1.*</c>, <c>conv2.weight</c>, <c>bn2.*</c>, <c>downsample.0.weight</c>, <c>downsample.1.*</c>.
/// </summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>Output channels over <c>planes</c>.</summary>
    public const int Expansion = 1;

    // Field names are the state dict names.
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;

    public BasicBlock(long inPlanes, long planes, long stride = 1, Sequential? downsample = null)
        : base(nameof(BasicBlock))
    {
        conv1 = nn.Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(planes);
        conv2 = nn.Conv2d(planes, planes, 3, stride: 1, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(planes);
        this.downsample = downsample;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = bn1.call(conv1.call(input)).relu_();
        x = bn2.call(conv2.call(x));
        var shortcut = downsample is null ? input : downsample.call(input);
        return x.add_(shortcut).relu_().MoveToOuterDisposeScope();
    }
}
