namespace FgCrossNet.Model;

/// <summary>
/// The ResNet backbones of <see cref="FgCrossNetModel"/> (He et al., 2016, in torchvision's layout). The value is the
/// depth. The paper uses <see cref="ResNet50"/>.
/// </summary>
public enum ResNetDepth
{
    ResNet18 = 18,
    ResNet34 = 34,
    ResNet50 = 50,
    ResNet101 = 101,
    ResNet152 = 152,
}

/// <summary>The shape of each <see cref="ResNetDepth"/>: residual blocks per stage, block kind and widths.</summary>
public static class ResNetDepths
{
    /// <summary>All five depths, shallowest first.</summary>
    public static IReadOnlyList<ResNetDepth> All { get; } =
        [ResNetDepth.ResNet18, ResNetDepth.ResNet34, ResNetDepth.ResNet50, ResNetDepth.ResNet101, ResNetDepth.ResNet152];

    /// <summary>Residual blocks in stages layer1..layer4: [2,2,2,2], [3,4,6,3], [3,4,6,3], [3,4,23,3], [3,8,36,3].</summary>
    public static IReadOnlyList<int> BlocksPerStage(this ResNetDepth depth) => depth switch
    {
        ResNetDepth.ResNet18 => [2, 2, 2, 2],
        ResNetDepth.ResNet34 => [3, 4, 6, 3],
        ResNetDepth.ResNet50 => [3, 4, 6, 3],
        ResNetDepth.ResNet101 => [3, 4, 23, 3],
        ResNetDepth.ResNet152 => [3, 8, 36, 3],
        _ => throw new ArgumentOutOfRangeException(nameof(depth), depth, "Not a ResNet depth (18, 34, 50, 101 or 152)."),
    };

    /// <summary>True for 50, 101 and 152 (<see cref="Bottleneck"/> blocks); false for 18 and 34 (<see cref="BasicBlock"/>).</summary>
    public static bool UsesBottleneck(this ResNetDepth depth) => depth switch
    {
        ResNetDepth.ResNet18 or ResNetDepth.ResNet34 => false,
        ResNetDepth.ResNet50 or ResNetDepth.ResNet101 or ResNetDepth.ResNet152 => true,
        _ => throw new ArgumentOutOfRangeException(nameof(depth), depth, "Not a ResNet depth (18, 34, 50, 101 or 152)."),
    };

    /// <summary>Output channels of a block over its base width: 4 for bottleneck blocks, 1 for basic blocks.</summary>
    public static int Expansion(this ResNetDepth depth) => depth.UsesBottleneck() ? Bottleneck.Expansion : BasicBlock.Expansion;

    /// <summary>Channels of the last stage, the input width of <c>fc</c>: 512 (ResNet-18/34) or 2048 (ResNet-50/101/152).</summary>
    public static int FeatureWidth(this ResNetDepth depth) => 512 * depth.Expansion();

    /// <summary>Parses "50", "resnet50" or "ResNet50" (case-insensitive).</summary>
    public static bool TryParse(string text, out ResNetDepth depth)
    {
        var digits = text.Trim();
        if (digits.StartsWith("resnet", StringComparison.OrdinalIgnoreCase)) digits = digits[6..].TrimStart('-', '_');
        if (int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && Enum.IsDefined(typeof(ResNetDepth), value))
        {
            depth = (ResNetDepth)value;
            return true;
        }
        depth = default;
        return false;
    }
}
