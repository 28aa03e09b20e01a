using FgCrossNet.Core;
using FgCrossNet.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Model;

// Creating a model draws from TorchSharp's global RNG: never while a training test's run is seeding and initialising (its resume test compares weights bit for bit).
[Collection(FgCrossNet.Pipeline.Tests.Training.TrainingCollection.Name)]
public class FgCrossNetModelForwardTests
{
    [Fact]
    public void Images_and_text_give_logits_of_the_number_of_classes()
    {
        using var model = ModelTestData.SmallResNet18();
        using var scope = NewDisposeScope();
        var images = ModelTestData.Images(2, 64, seed: 1);
        var tokens = ModelTestData.Tokens(2, ModelTestData.SmallTextLength, seed: 2);

        Assert.Equal(new long[] { 2, ModelTestData.SmallClasses }, model.call(images).shape);
        Assert.Equal(new long[] { 2, 3, 32, 32 }, model.TextBranch(tokens).shape);
        Assert.Equal(new long[] { 2, ModelTestData.SmallClasses }, model.ForwardText(tokens).shape);
    }

    [Fact]
    public void ResNet50_gives_logits_for_a_small_batch()
    {
        using var model = FgCrossNetModel.ResNet50(numClasses: 200, textLength: 16);
        model.eval();
        using var scope = NewDisposeScope();
        Assert.Equal(new long[] { 2, 200 }, model.call(ModelTestData.Images(2, 64, seed: 3)).shape);
        Assert.Equal(new long[] { 2, 200 }, model.ForwardText(ModelTestData.Tokens(2, 16, seed: 4)).shape);
    }

    /// <summary>Adaptive pooling: any input size works, and the logits do not depend on the batch's other rows (eval mode).</summary>
    [Theory]
    [InlineData(32, 32)]
    [InlineData(48, 48)]
    [InlineData(64, 64)]
    [InlineData(100, 60)]
    [InlineData(1, 1)]
    public void Any_input_size_gives_logits(int height, int width)
    {
        using var model = ModelTestData.SmallResNet18();
        using var scope = NewDisposeScope();
        var images = ModelTestData.Images(3, height, width, seed: 5);
        var logits = model.call(images);
        Assert.Equal(new long[] { 3, ModelTestData.SmallClasses }, logits.shape);
        var single = model.call(images.narrow(0, 1, 1));
        Assert.True(ModelTestData.MaxAbsDifference(logits.narrow(0, 1, 1), single) < 1e-4);
    }

    /// <summary>At the last stage's full extent (e.g. 14×14 for 448 inputs) adaptive pooling equals the reference's fixed average pooling.</summary>
    [Fact]
    public void Adaptive_pooling_equals_a_fixed_average_over_the_last_feature_map()
    {
        using var scope = NewDisposeScope();
        var features = randn(2, 512, 14, 14);
        var adaptive = nn.AdaptiveAvgPool2d(1).call(features);
        var reference = nn.functional.avg_pool2d(features, 14, stride: 1);
        Assert.True(ModelTestData.MaxAbsDifference(adaptive, reference) < 1e-6);
    }

    [Fact]
    public void Cross_media_pass_returns_rows_in_the_order_image_text_audio_video()
    {
        using var model = ModelTestData.SmallResNet18();
        using var scope = NewDisposeScope();
        const int b = 2;
        var imageLike = ModelTestData.Images(3 * b, ModelTestData.SmallTextLength, seed: 6); // image, audio, video blocks
        var tokens = ModelTestData.Tokens(b, ModelTestData.SmallTextLength, seed: 7);

        var logits = model.ForwardCrossMedia(imageLike, [Medium.Image, Medium.Audio, Medium.Video], tokens);

        Assert.Equal(new long[] { 4 * b, ModelTestData.SmallClasses }, logits.shape);
        // In eval mode rows are independent, so the joint pass equals separate passes stacked in the paper's order.
        var expected = cat(new[]
        {
            model.call(imageLike.narrow(0, 0, b)),
            model.ForwardText(tokens),
            model.call(imageLike.narrow(0, b, b)),
            model.call(imageLike.narrow(0, 2 * b, b)),
        }, 0);
        Assert.True(ModelTestData.MaxAbsDifference(expected, logits) < 1e-4);

        // Without audio, the second image-like block is video: it lands after the text rows.
        var withoutAudio = model.ForwardCrossMedia(imageLike.narrow(0, 0, 2 * b), [Medium.Image, Medium.Video], tokens);
        Assert.True(ModelTestData.MaxAbsDifference(expected.narrow(0, 0, 3 * b), withoutAudio) < 1e-4);
    }

    /// <summary>In training mode batch norm sees all media together, as in the reference's single backbone pass.</summary>
    [Fact]
    public void Cross_media_pass_normalises_over_all_media_in_training_mode()
    {
        using var model = ModelTestData.SmallResNet18();
        model.train();
        using var scope = NewDisposeScope();
        var images = ModelTestData.Images(2, ModelTestData.SmallTextLength, seed: 8);
        var tokens = ModelTestData.Tokens(2, ModelTestData.SmallTextLength, seed: 9);

        var joint = model.ForwardCrossMedia(images, [Medium.Image], tokens);
        var stacked = model.call(cat(new[] { images, model.TextBranch(tokens) }, 0));
        Assert.True(ModelTestData.MaxAbsDifference(stacked, joint) < 1e-4);
        var separate = model.call(images);
        Assert.True(ModelTestData.MaxAbsDifference(joint.narrow(0, 0, 2), separate) > 1e-3);
    }

    [Fact]
    public void Wrong_inputs_are_refused_with_the_expected_shape()
    {
        using var model = ModelTestData.SmallResNet18();
        using var scope = NewDisposeScope();
        Assert.Contains("[N, 3, H, W]", Assert.Throws<ArgumentException>(() => model.call(zeros(2, 1, 32, 32))).Message);
        Assert.Contains("[N, 32]", Assert.Throws<ArgumentException>(() => model.ForwardText(zeros(new long[] { 2, 31 }, ScalarType.Int64))).Message);
        Assert.Contains("int64", Assert.Throws<ArgumentException>(() => model.ForwardText(zeros(2, 32))).Message);
        Assert.Contains("S = L", Assert.Throws<ArgumentException>(() =>
            model.ForwardCrossMedia(zeros(2, 3, 64, 64), [Medium.Image], zeros(new long[] { 2, 32 }, ScalarType.Int64))).Message);
        Assert.Throws<ArgumentException>(() => model.ForwardCrossMedia(zeros(4, 3, 32, 32), [Medium.Video, Medium.Image], null));
        Assert.Throws<ArgumentException>(() => model.ForwardCrossMedia(zeros(3, 3, 32, 32), [Medium.Image], zeros(new long[] { 2, 32 }, ScalarType.Int64)));
    }
}
