using FgCrossNet.Core;
using FgCrossNet.Core.Losses;
using FgCrossNet.Model;
using FgCrossNet.Training;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Training;

[Collection(TrainingCollection.Name)]
public class TrainingStepTests
{
    [Theory]
    [InlineData(0.001)]
    [InlineData(0.1)]
    public void The_centers_move_as_if_the_center_loss_had_weight_one(double centerWeight)
    {
        random.manual_seed(3);
        using var model = FgCrossNetModel.ResNet18(numClasses: 3, textLength: 32);
        using var centers = new CenterLoss(3, 3);
        const double lr = 0.1;
        using var optimizer = optim.SGD(model.parameters().Concat(centers.parameters()), lr, 0, 0, 0, false, false);
        var step = new TrainingStep(model, centers, optimizer, StageLossWeights.From(new StageConfig { CenterWeight = centerWeight, RankingWeight = 0 }));
        using var images = randn(4, 3, 32, 32);
        using var labels = tensor(new long[] { 0, 1, 2, 1 });

        // The center loss's own gradient on the centers, for the features this step will see.
        model.train();
        using var before = centers.Centers.detach().clone();
        Tensor expectedGradient;
        using (var reference = new CenterLoss(3, 3))
        {
            using (no_grad()) reference.Centers.copy_(before);
            using var features = model.call(images).detach();
            using var loss = reference.call(features, labels);
            loss.backward();
            expectedGradient = reference.Centers.grad!.clone();
        }

        step.Run(images, [Medium.Image], null, labels, perMedium: 4);

        // SGD without momentum or decay: c' = c - lr * (1/w) * (w * g) = c - lr * g.
        using var expected = before - lr * expectedGradient;
        using var unscaled = before - lr * centerWeight * expectedGradient;
        Assert.True(centers.Centers.allclose(expected, rtol: 1e-4, atol: 1e-6), "center update is not lr x gradient of the unweighted center loss");
        Assert.False(centers.Centers.allclose(unscaled, rtol: 1e-4, atol: 1e-6));
        expectedGradient.Dispose();
    }

    [Fact]
    public void The_learning_rate_halves_every_step_epochs_and_restarts_with_the_stage()
    {
        Assert.Equal(new[] { 0.01, 0.01, 0.005, 0.005, 0.0025 }, Enumerable.Range(0, 5).Select(e => StepLearningRate.At(0.01, 2, 0.5, e)));
    }
}
