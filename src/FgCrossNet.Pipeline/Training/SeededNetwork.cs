using FgCrossNet.Core.Losses;
using FgCrossNet.Model;
using static TorchSharp.torch;

namespace FgCrossNet.Training;

/// <summary>
/// The network and center-loss centers a run starts from, randomly initialised from a generator seeded with the
/// config's <c>seed</c>. Not from TorchSharp's global generator: that one is shared with any other code in the process
/// (a notebook cell, a test running in parallel), so a seeded start must not depend on it.
/// </summary>
public static class SeededNetwork
{
    public static (FgCrossNetModel Model, CenterLoss Centers) Create(ExperimentConfig config)
    {
        using var generator = new Generator((ulong)config.Seed, CPU);
        var model = FgCrossNetModel.Create((ResNetDepth)config.Model.Depth, config.Model.Classes, config.Data.TextLength, generator);
        var centers = new CenterLoss(config.Model.Classes, config.Model.Classes, generator: generator);
        return (model, centers);
    }

    /// <summary>
    /// Replaces <paramref name="centers"/> by new draws from N(0, 1), from a generator seeded with the config's seed and
    /// <paramref name="stage"/> (so a resumed run draws the same ones): the fresh centers of <see cref="StageCenters.Fresh"/>.
    /// </summary>
    public static void DrawFreshCenters(ExperimentConfig config, int stage, CenterLoss centers)
    {
        using var generator = new Generator(unchecked((ulong)config.Seed * 1_000_003UL + (ulong)stage), CPU);
        using var noGrad = no_grad();
        using var fresh = randn(centers.Centers.shape, dtype: centers.Centers.dtype, generator: generator);
        centers.Centers.copy_(fresh);
    }
}
