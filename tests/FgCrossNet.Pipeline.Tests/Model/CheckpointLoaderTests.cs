using System.IO.Compression;
using FgCrossNet.IO;
using FgCrossNet.Model;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Model;

// Creating a model draws from TorchSharp's global RNG: never while a training test's run is seeding and initialising (its resume test compares weights bit for bit).
[Collection(FgCrossNet.Pipeline.Tests.Training.TrainingCollection.Name)]
public class CheckpointLoaderTests
{
    private static readonly string[] TextBranchKeys =
        ["embed.weight", "conv01.weight", "conv01.bias", "conv02.weight", "conv02.bias", "conv0.weight", "conv0.bias"];

    /// <summary>A PyTorch-format file (PyBridge's pickler, as torch.save writes it) holding the given entries.</summary>
    private static void WritePyTorch(string path, IEnumerable<KeyValuePair<string, Tensor>> entries)
    {
        using var stream = File.Create(path);
        PyTorchPickler.PickleStateDict(stream, entries.ToDictionary(kv => kv.Key, kv => kv.Value), leaveOpen: false);
    }

    private static Dictionary<string, Tensor> Prefixed(nn.Module model, string prefix) =>
        model.state_dict().ToDictionary(kv => prefix + kv.Key, kv => kv.Value);

    /// <summary>In-memory contents (no file) holding copies of the given entries: the loader's rules do not depend on the format.</summary>
    private static CheckpointContents Copies(IEnumerable<KeyValuePair<string, Tensor>> entries) =>
        CheckpointContents.FromTensors(entries.Select(kv => new KeyValuePair<string, Tensor>(kv.Key, kv.Value.clone())));

    private static Tensor Outputs(FgCrossNetModel model)
    {
        using var scope = NewDisposeScope();
        var images = ModelTestData.Images(2, 48, seed: 21);
        var tokens = ModelTestData.Tokens(2, model.Config.TextLength, seed: 22);
        return cat(new[] { model.call(images), model.ForwardText(tokens) }, 0).MoveToOuterDisposeScope();
    }

    [Fact]
    public void DataParallel_checkpoint_loads_strictly_and_reproduces_the_outputs()
    {
        using var dir = new TempFolder();
        var path = dir.File("fgcrossnet_dataparallel.pth");
        using var source = ModelTestData.SmallResNet18(seed: 1);
        WritePyTorch(path, Prefixed(source, "module."));
        using var target = ModelTestData.SmallResNet18(seed: 2);
        using var expected = Outputs(source);
        using (var before = Outputs(target))
            Assert.True(ModelTestData.MaxAbsDifference(expected, before) > 1e-3);

        var result = CheckpointLoader.Load(target, path);

        Assert.Equal(path, result.Path);
        Assert.Equal(CheckpointFormat.PyTorch, result.Format);
        Assert.Equal("module.", result.StrippedPrefix);
        Assert.Equal(source.state_dict().Keys, result.Loaded);
        Assert.Empty(result.Missing);
        Assert.Empty(result.Skipped);
        using var actual = Outputs(target);
        Assert.Equal(0.0, ModelTestData.MaxAbsDifference(expected, actual));
    }

    /// <summary>Why the loader exists: PyBridge's non-strict load_py silently loads nothing from a prefixed file.</summary>
    [Fact]
    public void PyBridge_load_py_ignores_prefixed_keys_silently()
    {
        using var dir = new TempFolder();
        var path = dir.File("prefixed.pth");
        using var source = nn.Linear(3, 2);
        WritePyTorch(path, Prefixed(source, "module."));
        using var target = nn.Linear(3, 2);
        using var before = target.weight!.clone();

        target.load_py(path, strict: false);

        Assert.Equal(0.0, ModelTestData.MaxAbsDifference(before, target.weight!));
        Assert.True(ModelTestData.MaxAbsDifference(source.weight!, target.weight!) > 0);
    }

    [Fact]
    public void TorchVision_backbone_loads_everything_but_fc_and_the_text_branch_and_says_so()
    {
        using var dir = new TempFolder();
        var path = dir.File("resnet18-imagenet.pth");
        using var imagenet = torchvision.models.resnet18(1000);
        ModelTestData.RandomizeBatchNormStatistics(imagenet, seed: 3);
        imagenet.save_py(path);
        using var target = ModelTestData.SmallResNet18(seed: 4);
        var untouched = target.state_dict()
            .Where(kv => TextBranchKeys.Contains(kv.Key) || kv.Key.StartsWith("fc.", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value.clone());

        var result = CheckpointLoader.Load(target, path, CheckpointLoadOptions.ImageNetBackbone);

        Assert.Null(result.StrippedPrefix);
        Assert.Equal([.. TextBranchKeys, "fc.weight", "fc.bias"], result.Missing);
        Assert.Equal(["fc.bias [1000]: Excluded", "fc.weight [1000, 512]: Excluded"], result.Skipped.Select(s => s.ToString()));
        Assert.StartsWith("loaded 120 of 129 tensors; 9 missing (embed.weight, conv01.weight,", result.ToString());
        var imagenetState = imagenet.state_dict();
        Assert.Equal(imagenetState.Keys.Where(k => !k.StartsWith("fc.")).Order(StringComparer.Ordinal), result.Loaded.Order(StringComparer.Ordinal));
        var targetState = target.state_dict();
        foreach (var key in result.Loaded)
            Assert.True(ModelTestData.MaxAbsDifference(imagenetState[key].to_type(targetState[key].dtype), targetState[key]) == 0, key);
        foreach (var (key, before) in untouched)
            Assert.True(ModelTestData.MaxAbsDifference(before, targetState[key]) == 0, key);
        foreach (var tensor in untouched.Values) tensor.Dispose();

        // Strictly, the same file is refused, naming what is missing and the fc shapes.
        var e = Assert.Throws<InvalidInputException>(() => CheckpointLoader.Load(target, path));
        Assert.Contains("7 of the network's tensors are not in the checkpoint: 'embed.weight', 'conv01.weight'", e.Message);
        Assert.Contains("'fc.weight' has shape [1000, 512] in the checkpoint but [10, 512] in the network", e.Message);
    }

    [Fact]
    public void Wrong_shapes_are_an_error_naming_the_keys_and_both_shapes_and_nothing_is_loaded()
    {
        using var source = ModelTestData.SmallResNet18(seed: 5);
        using var contents = Copies(source.state_dict());
        using var target = FgCrossNetModel.ResNet18(ModelTestData.SmallClasses, textLength: 16);
        using var conv1Before = target.state_dict()["conv1.weight"].clone();

        var e = Assert.Throws<InvalidInputException>(() => CheckpointLoader.Load(target, contents));

        Assert.Equal("checkpoint", e.Path);
        Assert.Contains("'conv01.weight' has shape [16, 16, 3] in the checkpoint but [8, 16, 3] in the network", e.Message);
        Assert.Contains("'conv02.weight' has shape [32, 16, 3] in the checkpoint but [16, 8, 3] in the network", e.Message);
        Assert.Equal(0.0, ModelTestData.MaxAbsDifference(conv1Before, target.state_dict()["conv1.weight"]));
    }

    [Fact]
    public void Unexpected_keys_are_an_error_or_reported_by_name()
    {
        using var source = ModelTestData.SmallResNet18(seed: 6);
        using var extra = ones(3);
        using var contents = Copies(source.state_dict().Append(new KeyValuePair<string, Tensor>("fc2.weight", extra)));
        using var target = ModelTestData.SmallResNet18(seed: 7);

        var e = Assert.Throws<InvalidInputException>(() => CheckpointLoader.Load(target, contents));
        Assert.Contains("1 entries are not in the network: 'fc2.weight'", e.Message);

        var result = CheckpointLoader.Load(target, contents, new CheckpointLoadOptions { IgnoreUnexpectedKeys = true });
        Assert.Equal(new SkippedKey("fc2.weight", SkipReason.NotInNetwork, [3]).ToString(), Assert.Single(result.Skipped).ToString());
        Assert.Equal(source.state_dict().Count, result.Loaded.Count);
    }

    [Fact]
    public void Missing_tensors_are_an_error_except_batch_norm_counters_which_old_checkpoints_lack()
    {
        using var source = ModelTestData.SmallResNet18(seed: 8);
        using var target = ModelTestData.SmallResNet18(seed: 9);

        using var withoutWeight = Copies(source.state_dict().Where(kv => kv.Key != "layer3.1.conv2.weight"));
        var e = Assert.Throws<InvalidInputException>(() => CheckpointLoader.Load(target, withoutWeight));
        Assert.Contains("1 of the network's tensors are not in the checkpoint: 'layer3.1.conv2.weight'", e.Message);

        // Before PyTorch 0.4 there were no counters; some writers store a counter as [1] instead of [].
        using var counterAsVector = tensor(new long[] { 17 });
        using var preCounters = Copies(source.state_dict()
            .Where(kv => !kv.Key.EndsWith(".num_batches_tracked") || kv.Key == "bn1.num_batches_tracked")
            .Select(kv => kv.Key == "bn1.num_batches_tracked" ? new KeyValuePair<string, Tensor>(kv.Key, counterAsVector) : kv));
        var result = CheckpointLoader.Load(target, preCounters);
        Assert.Equal(19, result.Missing.Count);
        Assert.All(result.Missing, key => Assert.EndsWith(".num_batches_tracked", key));
        Assert.Equal(17L, target.state_dict()["bn1.num_batches_tracked"].ToInt64());
    }

    [Fact]
    public void A_training_checkpoint_with_a_nested_state_dict_loads()
    {
        using var dir = new TempFolder();
        var path = dir.File("epoch_3.pth");
        using var source = nn.Linear(3, 2);
        using (var stream = File.Create(path))
        {
            var checkpoint = new Dictionary<string, object> { ["epoch"] = 3, ["state_dict"] = Prefixed(source, "module.") };
            PyTorchPickler.PickleStateDict(stream, checkpoint, leaveOpen: false);
        }
        using var target = nn.Linear(3, 2);

        using (var contents = CheckpointContents.Read(path))
            Assert.Equal("state_dict", contents.NestedUnder);
        var result = CheckpointLoader.Load(target, path);

        Assert.Equal(["weight", "bias"], result.Loaded);
        Assert.Equal(0.0, ModelTestData.MaxAbsDifference(source.weight!, target.weight!));
    }

    [Theory]
    [InlineData("text", "not a checkpoint")]
    [InlineData("empty", "not a checkpoint")]
    [InlineData("random", "not a checkpoint")]
    [InlineData("zip", "not a readable PyTorch state dict")]
    [InlineData("legacy", "legacy PyTorch file (torch.save before PyTorch 1.6): the file ends before the protocol version")]
    [InlineData("truncated-dat", "not a checkpoint")]
    public void Files_that_are_not_checkpoints_give_a_clear_error_naming_the_file(string kind, string problem)
    {
        using var dir = new TempFolder();
        var path = dir.File("model.pth");
        switch (kind)
        {
            case "text":
                File.WriteAllText(path, "epoch,loss\n1,0.5\n");
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "random":
                File.WriteAllBytes(path, Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray());
                break;
            case "zip":
                using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
                    using (var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open())) writer.Write("hello");
                break;
            case "legacy":
                // torch.save before PyTorch 1.6: pickle protocol 2, then the magic number 0x1950a86a20f9469cfc6c.
                File.WriteAllBytes(path, [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e]);
                break;
            case "truncated-dat":
                using (var linear = nn.Linear(30, 20)) CheckpointWriter.SaveTorchSharp(linear, path);
                File.WriteAllBytes(path, File.ReadAllBytes(path)[..100]);
                break;
        }
        using var target = nn.Linear(3, 2);

        var e = Assert.Throws<InvalidInputException>(() => CheckpointLoader.Load(target, path));

        Assert.Equal(path, e.Path);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_missing_file_is_reported_by_path()
    {
        using var target = nn.Linear(3, 2);
        var e = Assert.Throws<InvalidInputException>(() => CheckpointLoader.Load(target, "/nonexistent/model.pth"));
        Assert.Equal("/nonexistent/model.pth: checkpoint file not found", e.Message);
    }
}
