using FgCrossNet.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Model;

// Creating a model draws from TorchSharp's global RNG: never while a training test's run is seeding and initialising (its resume test compares weights bit for bit).
[Collection(FgCrossNet.Pipeline.Tests.Training.TrainingCollection.Name)]
public class CheckpointWriterTests
{
    private static Tensor Outputs(FgCrossNetModel model)
    {
        using var scope = NewDisposeScope();
        var images = ModelTestData.Images(2, 40, seed: 31);
        var tokens = ModelTestData.Tokens(2, model.Config.TextLength, seed: 32);
        return cat(new[] { model.call(images), model.ForwardText(tokens) }, 0).MoveToOuterDisposeScope();
    }

    [Theory]
    [InlineData(CheckpointFormat.TorchSharp, false)]
    [InlineData(CheckpointFormat.PyTorch, true)]
    public void Save_then_load_gives_identical_outputs(CheckpointFormat format, bool dataParallelPrefix)
    {
        using var dir = new TempFolder();
        var path = dir.File(format == CheckpointFormat.TorchSharp ? "model.dat" : "model.pth");
        using var source = ModelTestData.SmallResNet18(seed: 1);
        if (format == CheckpointFormat.TorchSharp) CheckpointWriter.SaveTorchSharp(source, path);
        else CheckpointWriter.SavePyTorch(source, path, dataParallelPrefix);
        using var target = ModelTestData.SmallResNet18(seed: 2);

        var result = CheckpointLoader.Load(target, path);

        Assert.Equal(format, result.Format);
        Assert.Equal(dataParallelPrefix ? "module." : null, result.StrippedPrefix);
        Assert.Equal(source.state_dict().Count, result.Loaded.Count);
        using var expected = Outputs(source);
        using var actual = Outputs(target);
        Assert.Equal(0.0, ModelTestData.MaxAbsDifference(expected, actual));
        Assert.Equal(new[] { Path.GetFileName(path) }, Directory.GetFiles(dir.Path).Select(Path.GetFileName));

        if (format == CheckpointFormat.TorchSharp)
        {
            // TorchSharp's own loader reads the file as well.
            using var viaTorchSharp = ModelTestData.SmallResNet18(seed: 3);
            viaTorchSharp.load(path, strict: true);
            using var loaded = Outputs(viaTorchSharp);
            Assert.Equal(0.0, ModelTestData.MaxAbsDifference(expected, loaded));
        }
    }

    [Fact]
    public void Files_hold_every_tensor_under_its_name_with_its_values()
    {
        using var dir = new TempFolder();
        using var source = nn.Sequential(("features", nn.Sequential(("0", nn.Conv2d(3, 4, 3)), ("1", nn.BatchNorm2d(4)))), ("fc", nn.Linear(4, 2)));
        ModelTestData.RandomizeBatchNormStatistics(source, seed: 3);
        var dat = dir.File("m.dat");
        var pth = dir.File("m.pth");
        CheckpointWriter.SaveTorchSharp(source, dat);
        CheckpointWriter.SavePyTorch(source, pth, dataParallelPrefix: true);
        var state = source.state_dict();

        using (var contents = CheckpointContents.Read(dat))
        {
            Assert.Equal(state.Keys, contents.Tensors.Keys);
            foreach (var (key, value) in state)
            {
                Assert.Equal(value.dtype, contents.Tensors[key].dtype);
                Assert.True(ModelTestData.MaxAbsDifference(value, contents.Tensors[key]) == 0, key);
            }
        }
        using (var contents = CheckpointContents.Read(pth))
        {
            Assert.Equal(state.Keys.Select(k => "module." + k).Order(StringComparer.Ordinal), contents.Tensors.Keys);
            foreach (var (key, value) in state)
                Assert.True(ModelTestData.MaxAbsDifference(value, contents.Tensors["module." + key]) == 0, key);
            Assert.Equal(new long[0], contents.Tensors["module.features.1.num_batches_tracked"].shape);
            Assert.Equal(ScalarType.Int64, contents.Tensors["module.features.1.num_batches_tracked"].dtype);
        }
    }

    [Theory]
    [InlineData(CheckpointFormat.TorchSharp)]
    [InlineData(CheckpointFormat.PyTorch)]
    public void A_failed_save_keeps_the_previous_checkpoint_and_leaves_no_temporary_file(CheckpointFormat format)
    {
        using var dir = new TempFolder();
        var path = dir.File("checkpoint");
        using var good = nn.Linear(4, 3);
        Save(good, path, format);
        var before = File.ReadAllBytes(path);

        using var broken = new UnsavableAfterALinear();
        Assert.ThrowsAny<Exception>(() => Save(broken, path, format));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { "checkpoint" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    private static void Save(nn.Module module, string path, CheckpointFormat format)
    {
        if (format == CheckpointFormat.TorchSharp) CheckpointWriter.SaveTorchSharp(module, path);
        else CheckpointWriter.SavePyTorch(module, path);
    }

    /// <summary>A module whose writer fails half-way: a linear layer's tensors, then a buffer on the data-less meta device.</summary>
    private sealed class UnsavableAfterALinear : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.Linear linear = nn.Linear(4, 3);
        private readonly Tensor meta = empty(new long[] { 3 }, device: new Device("meta"));

        public UnsavableAfterALinear() : base(nameof(UnsavableAfterALinear)) => RegisterComponents();

        public override Tensor forward(Tensor input) => linear.call(input);
    }
}
