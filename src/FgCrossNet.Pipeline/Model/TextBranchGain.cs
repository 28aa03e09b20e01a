using static TorchSharp.torch;

namespace FgCrossNet.Model;

/// <summary>
/// Scales the output of a freshly initialised text branch by a constant: the weight and bias of <c>conv0</c>, its last
/// (linear) layer, are multiplied by the gain, so the "text image" it makes is multiplied by it. Not in the reference
/// (its gain is 1). Why it can matter: with the reference initialisation the text image has a standard deviation of
/// about 0.29 against about 0.85 for normalised images, and in the shared batch the backbone's batch norms, whose
/// statistics the image-like rows dominate, then pass on less than half of the texts' variation (measured at ResNet-18,
/// L = 96). A gain of 3 gives the text rows the images' scale at the start; training is free to change it.
/// </summary>
public static class TextBranchGain
{
    /// <summary>Multiplies <c>conv0.weight</c> and <c>conv0.bias</c> of <paramref name="model"/> by <paramref name="gain"/> (&gt; 0).</summary>
    public static void Apply(FgCrossNetModel model, double gain)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(gain > 0) || !double.IsFinite(gain)) throw new ArgumentOutOfRangeException(nameof(gain), gain, "the gain must be a positive number");
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
            if (name is "conv0.weight" or "conv0.bias") parameter.mul_(gain);
    }
}
