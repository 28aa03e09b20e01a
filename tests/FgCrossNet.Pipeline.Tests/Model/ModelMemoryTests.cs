using FgCrossNet.Core;
using FgCrossNet.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Model;

// Creating a model draws from TorchSharp's global RNG: never while a training test's run is seeding and initialising (its resume test compares weights bit for bit).
[Collection(FgCrossNet.Pipeline.Tests.Training.TrainingCollection.Name)]
public class ModelMemoryTests
{
    /// <summary>
    /// A training step (zero_grad, cross-media forward, loss, backward, step) inside a dispose scope frees every tensor it
    /// makes: after warm-up steps (which create the optimizer's momentum buffers and the gradients), the number of live
    /// tensors on this thread stays the same.
    /// </summary>
    [Fact]
    public void Training_steps_in_dispose_scopes_keep_the_live_tensor_count_flat()
    {
        using var model = FgCrossNetModel.ResNet18(numClasses: 4, textLength: 16);
        model.train();
        using var optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9);
        using var images = ModelTestData.Images(2 * 2, 16, seed: 41); // image and audio blocks, B = 2
        using var tokens = ModelTestData.Tokens(2, 16, seed: 42);
        using var labels = tensor(new long[] { 0, 1, 2, 3, 0, 1 });

        var liveCounts = new List<long>();
        for (int step = 0; step < 20; step++)
        {
            using (NewDisposeScope())
            {
                optimizer.zero_grad();
                var logits = model.ForwardCrossMedia(images, [Medium.Image, Medium.Audio], tokens);
                var loss = nn.functional.cross_entropy(logits, labels);
                loss.backward();
                optimizer.step();
            }
            liveCounts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }

        Assert.All(liveCounts.Skip(2), count => Assert.Equal(liveCounts[2], count));
    }
}
