using FgCrossNet.Core.Losses;
using FgCrossNet.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FgCrossNet.Training;

/// <summary>
/// The SGD of one stage, as the reference builds it: one optimizer over the network's parameters and the centers
/// (momentum, weight decay from <c>optimizer.*</c>). With <c>optimizer.fresh_lr_scale</c> ≠ 1 the parts a pretrained
/// backbone does not provide (<see cref="FgCrossNetModel.TextBranchModules"/> and the classifier) form a second
/// parameter group whose rate is that multiple of the stage's.
/// </summary>
public static class StageOptimizer
{
    /// <summary>The optimizer and, per parameter group, the multiple of the stage's rate it runs at.</summary>
    public static (SGD Optimizer, IReadOnlyList<double> GroupScales) Create(FgCrossNetModel model, CenterLoss centers, OptimizerConfig config, double stageLr)
    {
        if (config.FreshLrScale == 1)
            return (optim.SGD(model.parameters().Concat(centers.parameters()), stageLr, config.Momentum, 0, config.WeightDecay, false, false), [1.0]);
        var freshModules = FgCrossNetModel.TextBranchModules.Append(FgCrossNetModel.ClassifierModule).ToHashSet(StringComparer.Ordinal);
        var named = model.named_parameters().ToList();
        bool IsFresh(string name) => freshModules.Contains(name[..Math.Max(0, name.IndexOf('.'))]);
        var pretrained = named.Where(p => !IsFresh(p.name)).Select(p => p.parameter).Concat(centers.parameters());
        var fresh = named.Where(p => IsFresh(p.name)).Select(p => p.parameter);
        SGD.Options Rate(double lr) => new() { LearningRate = lr, momentum = config.Momentum, weight_decay = config.WeightDecay };
        var groups = new List<SGD.ParamGroup> { new(pretrained, Rate(stageLr)), new(fresh, Rate(stageLr * config.FreshLrScale)) };
        return (optim.SGD(groups, stageLr, config.Momentum, 0, config.WeightDecay, false, false), [1.0, config.FreshLrScale]);
    }
}
