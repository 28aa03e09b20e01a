using FgCrossNet.Core.Losses;
using FgCrossNet.Core;
using FgCrossNet.Data.Loading;
using FgCrossNet.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FgCrossNet.Training;

/// <summary>
/// One optimisation step of FGCrossNet, as the reference does it: zero the gradients, one backbone pass over all media
/// (<see cref="FgCrossNetModel.ForwardCrossMedia"/>), total = w_cls·per-medium CE + w_center·center loss
/// + w_rank·quadruplet ranking loss (on the logits, which are also the retrieval features), backward, then the centers'
/// gradient multiplied by 1/w_center (when w_center &gt; 0) so that the shared optimizer moves the centers as if the
/// center loss had weight 1, and the optimizer's step. All tensors of the step live in one dispose scope.
/// </summary>
public sealed class TrainingStep
{
    private readonly FgCrossNetModel _model;
    private readonly CenterLoss _centerLoss;
    private readonly optim.Optimizer _optimizer;
    private readonly StageLossWeights _weights;
    private readonly QuadrupletRankingLoss? _rankingLoss;
    private readonly Device _device;

    public TrainingStep(FgCrossNetModel model, CenterLoss centerLoss, optim.Optimizer optimizer, StageLossWeights weights, Device? device = null)
    {
        _model = model;
        _centerLoss = centerLoss;
        _optimizer = optimizer;
        _weights = weights;
        _device = device ?? CPU;
        _rankingLoss = weights.Ranking > 0 ? new QuadrupletRankingLoss(null, weights.AnchorNegativeMargin, weights.NegativePairMargin) : null;
    }

    /// <summary>Trains on one loader batch (moved to the device here).</summary>
    public StepLosses Run(CrossMediaBatch batch) =>
        Run(batch.ImageLike, batch.ImageLikeMedia, batch.Text, batch.Labels, batch.PerMedium);

    /// <summary>
    /// Trains on image-like rows [M·B, 3, S, S] of <paramref name="imageLikeMedia"/>, text [B, L] (or null) and labels
    /// [K·B] stacked image, text, audio, video.
    /// </summary>
    public StepLosses Run(Tensor? imageLike, IReadOnlyList<Medium> imageLikeMedia, Tensor? text, Tensor labels, int perMedium)
    {
        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        var x = imageLike?.to(_device);
        var t = text?.to(_device);
        var y = labels.to(_device);
        var logits = _model.ForwardCrossMedia(x, imageLikeMedia, t);
        int mediaCount = imageLikeMedia.Count + (text is null ? 0 : 1);

        var classification = new PerMediumCrossEntropyLoss(mediaCount, perMedium).Compute(logits, y);
        var center = _centerLoss.call(logits, y);
        var total = _weights.Classification * classification + _weights.Center * center;
        double ranking = 0;
        double? positiveFraction = null;
        if (_rankingLoss is not null)
        {
            var result = _rankingLoss.Compute(logits, y);
            total = total + _weights.Ranking * result.Loss;
            ranking = result.Loss.item<float>();
            positiveFraction = result.PositiveFraction;
        }
        total.backward();
        if (_weights.Center > 0) _centerLoss.RescaleCenterGradients(_weights.Center);
        _optimizer.step();
        return new StepLosses(classification.item<float>(), center.item<float>(), ranking, total.item<float>(), positiveFraction);
    }
}
