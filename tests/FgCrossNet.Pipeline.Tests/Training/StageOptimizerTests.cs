using FgCrossNet.Core.Losses;
using FgCrossNet.Model;
using FgCrossNet.Training;

namespace FgCrossNet.Pipeline.Tests.Training;

public class StageOptimizerTests
{
    [Fact]
    public void Without_a_fresh_scale_there_is_one_group_over_the_network_and_the_centers()
    {
        using var model = FgCrossNetModel.Create(ResNetDepth.ResNet18, 3, 32);
        using var centers = new CenterLoss(3, 3);
        var (optimizer, scales) = StageOptimizer.Create(model, centers, new OptimizerConfig(), 0.002);
        using (optimizer)
        {
            Assert.Equal([1.0], scales);
            var group = Assert.Single(optimizer.ParamGroups);
            Assert.Equal(0.002, group.LearningRate);
            Assert.Equal(model.parameters().Count() + 1, ((TorchSharp.Modules.SGD.ParamGroup)group).Parameters.Count());
        }
    }

    [Fact]
    public void A_fresh_scale_puts_the_text_branch_and_the_classifier_in_a_second_group_at_that_multiple()
    {
        using var model = FgCrossNetModel.Create(ResNetDepth.ResNet18, 3, 32);
        using var centers = new CenterLoss(3, 3);
        var (optimizer, scales) = StageOptimizer.Create(model, centers, new OptimizerConfig { FreshLrScale = 10 }, 0.001);
        using (optimizer)
        {
            Assert.Equal([1.0, 10.0], scales);
            var groups = optimizer.ParamGroups.ToList();
            Assert.Equal(2, groups.Count);
            Assert.Equal(0.001, groups[0].LearningRate, 12);
            Assert.Equal(0.01, groups[1].LearningRate, 12);
            var fresh = model.named_parameters()
                .Where(p => FgCrossNetModel.TextBranchModules.Append(FgCrossNetModel.ClassifierModule).Contains(p.name.Split('.')[0]))
                .Select(p => p.parameter).ToList();
            Assert.Equal(9, fresh.Count); // embed.weight, and weight and bias of conv01, conv02, conv0 and fc
            Assert.Equal(fresh.Count, ((TorchSharp.Modules.SGD.ParamGroup)groups[1]).Parameters.Count());
            Assert.Equal(model.parameters().Count() - fresh.Count + 1, ((TorchSharp.Modules.SGD.ParamGroup)groups[0]).Parameters.Count());
        }
    }
}
