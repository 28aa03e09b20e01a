using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FgCrossNet.Core.Losses;

/// <summary>
/// Center loss (Wen et al., ECCV 2016), exactly as in the reference implementation FGCrossNet uses (KaiyangZhou's
/// pytorch-center-loss). With learnable class centers <c>c</c> [C, D] and a batch <c>x</c> [N, D] with labels <c>y</c>:
/// <c>dist[i,k] = (||x_i||² + ||c_k||² − 2·x_i·c_k) · [y_i = k]</c>, and
/// <c>L = (1/N) Σ_(i,k) clamp(dist[i,k], 1e-12, 1e12)</c>.
/// The clamp applies to every entry, so each of the N·(C−1) masked-out zeros adds 1e-12 (and no gradient).
/// </summary>
/// <remarks>
/// FGCrossNet uses it with weight 0.001 in the total loss (CE + 0.001·center, + 0.1·ranking in stage 2), and, as the
/// reference does, one SGD optimizer holds both the network's parameters and the centers; after <c>backward()</c> the
/// centers' gradient alone is multiplied by 1/0.001, so the centers move as if the loss weight were 1:
/// <code>
/// var total = ce + 0.001 * centerLoss.forward(features, labels);
/// total.backward();
/// centerLoss.RescaleCenterGradients(0.001);   // undo the 0.001 on the centers only
/// optimizer.step();                           // network and centers together
/// </code>
/// </remarks>
public sealed class CenterLoss : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Lower clamp applied to every entry of the masked distance matrix.</summary>
    public const double ClampMin = 1e-12;

    /// <summary>Upper clamp applied to every entry of the masked distance matrix.</summary>
    public const double ClampMax = 1e12;

    // The field name is the parameter's name in the state dict ("centers", as in the reference).
    private readonly Parameter centers;

    /// <summary>Creates the loss with centers drawn from a standard normal distribution (as the reference's <c>torch.randn</c>).</summary>
    public CenterLoss(int numClasses, int featureDim, ScalarType dtype = ScalarType.Float32, Device? device = null, Generator? generator = null)
        : base(nameof(CenterLoss))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureDim, 1);
        NumClasses = numClasses;
        FeatureDim = featureDim;
        centers = new Parameter(randn(new long[] { numClasses, featureDim }, dtype: dtype, device: device, generator: generator));
        RegisterComponents();
    }

    /// <summary>Number of classes C (rows of <see cref="Centers"/>).</summary>
    public int NumClasses { get; }

    /// <summary>Feature dimension D (columns of <see cref="Centers"/>).</summary>
    public int FeatureDim { get; }

    /// <summary>The learnable class centers [C, D].</summary>
    public Parameter Centers => centers;

    /// <summary>The loss (a scalar) for features <paramref name="x"/> [N, D] and int64 <paramref name="labels"/> [N] in 0..C−1.</summary>
    public override Tensor forward(Tensor x, Tensor labels)
    {
        if (x.dim() != 2 || x.shape[1] != FeatureDim)
            throw new ArgumentException($"Expected features [N, {FeatureDim}], got [{string.Join(", ", x.shape)}].", nameof(x));
        if (labels.dim() != 1 || labels.shape[0] != x.shape[0])
            throw new ArgumentException($"Expected labels [{x.shape[0]}], got [{string.Join(", ", labels.shape)}].", nameof(labels));

        using var scope = NewDisposeScope();
        var batchSize = x.shape[0];
        var distmat = x.pow(2).sum(1, keepdim: true) + centers.pow(2).sum(1).unsqueeze(0) - 2.0 * x.matmul(centers.t());
        var classes = arange(NumClasses, dtype: ScalarType.Int64, device: labels.device);
        var mask = labels.unsqueeze(1).eq(classes.unsqueeze(0)).to_type(distmat.dtype);
        var dist = distmat * mask;
        return (dist.clamp(ClampMin, ClampMax).sum() / batchSize).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Multiplies the centers' gradient by <c>1 / <paramref name="lossWeight"/></c>, so that the optimizer moves the
    /// centers as if the center loss had weight 1 while the network still sees it with <paramref name="lossWeight"/>.
    /// Call after <c>backward()</c> and before the optimizer's <c>step()</c>. Does nothing when there is no gradient yet.
    /// </summary>
    public void RescaleCenterGradients(double lossWeight)
    {
        if (!(lossWeight > 0) || double.IsInfinity(lossWeight))
            throw new ArgumentOutOfRangeException(nameof(lossWeight), lossWeight, "The loss weight must be positive and finite.");
        using var noGrad = no_grad();
        centers.grad?.mul_(1.0 / lossWeight);
    }
}
