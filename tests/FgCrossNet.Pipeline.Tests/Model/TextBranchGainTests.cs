using FgCrossNet.Model;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Model;

public class TextBranchGainTests
{
    [Fact]
    public void The_text_image_is_multiplied_by_the_gain_and_the_backbone_is_untouched()
    {
        using var model = ModelTestData.SmallResNet18();
        model.eval();
        using var scope = NewDisposeScope();
        var tokens = ModelTestData.Tokens(3, ModelTestData.SmallTextLength, seed: 5);
        var images = ModelTestData.Images(2, 32, seed: 6);
        Tensor textBefore, imagesBefore;
        using (no_grad())
        {
            textBefore = model.TextBranch(tokens).clone();
            imagesBefore = model.call(images).clone();
        }

        TextBranchGain.Apply(model, 3);

        using (no_grad())
        {
            Assert.True(model.TextBranch(tokens).allclose(textBefore * 3, rtol: 1e-5, atol: 1e-6), "the text image should be 3 x the original");
            Assert.True(model.call(images).allclose(imagesBefore, rtol: 0, atol: 0), "image logits should not change");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    public void A_gain_that_is_not_positive_is_refused(double gain)
    {
        using var model = ModelTestData.SmallResNet18();
        Assert.Throws<ArgumentOutOfRangeException>(() => TextBranchGain.Apply(model, gain));
    }
}
