using FgCrossNet.IO;
using FgCrossNet.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Model;

/// <summary>
/// PyTorch's legacy <c>torch.save</c> format (before PyTorch 1.6, the reference's released checkpoints) read with no
/// Python: files written by real PyTorch 1.13 with <c>_use_new_zipfile_serialization=False</c> (and one in PyTorch
/// 1.0's GPU layout written field by field) must give back exactly the tensors PyTorch saved; hostile and broken files
/// are refused by name, and a hostile one runs nothing.
/// </summary>
public sealed class LegacyCheckpointTests(TorchCheckpoints files) : IClassFixture<TorchCheckpoints>
{
    [Theory]
    [InlineData("dtypes.pth")]
    [InlineData("views.pth")]
    [InlineData("cuda.pth")]
    public void Every_tensor_comes_back_as_PyTorch_saved_it(string name)
    {
        var path = files.File(name);
        var saved = TorchCheckpoints.Described(path);

        using var contents = CheckpointContents.Read(path);

        Assert.Equal(CheckpointFormat.PyTorchLegacy, contents.Format);
        Assert.Null(contents.NestedUnder);
        Assert.Equal(saved.Keys.Order(StringComparer.Ordinal), contents.Tensors.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, expected) in saved) TorchCheckpoints.AssertSame(expected, contents.Tensors[key], key);
    }

    [Fact]
    public void Views_keep_their_strides_and_share_their_storage_as_torch_load_does()
    {
        var path = files.File("views.pth");
        var saved = TorchCheckpoints.Described(path);
        using var contents = CheckpointContents.Read(path);
        var t = contents.Tensors;

        foreach (var key in new[] { "transposed", "offset", "every_third", "expanded" })
            Assert.Equal(saved[key].Stride, t[key].stride());
        Assert.False(t["transposed"].is_contiguous());

        // One storage behind five tensors: writing through one shows in the others (element 5 is offset[0, 0] and transposed[1, 1]).
        using (no_grad()) t["whole"][5] = 1000f;
        Assert.Equal(1000f, t["offset"][0, 0].ToSingle());
        Assert.Equal(1000f, t["transposed"][1, 1].ToSingle());
        // A tensor saved under two names is one tensor with two handles; each disposes on its own.
        Assert.NotSame(t["tied_a"], t["tied_b"]);
        using (no_grad()) t["tied_a"][0, 0] = -7f;
        Assert.Equal(-7f, t["tied_b"][0, 0].ToSingle());
    }

    [Fact]
    public void A_DataParallel_state_dict_loads_strictly_with_its_prefix_stripped()
    {
        var path = files.File("dataparallel.pth");
        var saved = TorchCheckpoints.Described(path);
        using var network = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Flatten(), nn.Linear(64, 5));

        var result = CheckpointLoader.Load(network, path);

        Assert.Equal(CheckpointFormat.PyTorchLegacy, result.Format);
        Assert.Equal("module.", result.StrippedPrefix);
        Assert.Empty(result.Missing);
        Assert.Equal(saved.Count, result.Loaded.Count);
        var state = network.state_dict();
        foreach (var (key, expected) in saved) TorchCheckpoints.AssertSame(expected, state[key["module.".Length..]], key);
        Assert.Equal(1L, state["1.num_batches_tracked"].ToInt64());
    }

    [Fact]
    public void A_training_checkpoint_holding_the_state_dict_with_an_optimizer_loads_the_state_dict()
    {
        var path = files.File("training_checkpoint.pth");
        var saved = TorchCheckpoints.Described(path);

        using var contents = CheckpointContents.Read(path);

        Assert.Equal("state_dict", contents.NestedUnder);
        Assert.Equal(saved.Keys.Order(StringComparer.Ordinal), contents.Tensors.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, expected) in saved) TorchCheckpoints.AssertSame(expected, contents.Tensors[key], key);
    }

    [Theory]
    [InlineData("hostile2.pth")]        // by torch.save, pickle protocol 2 (GLOBAL)
    [InlineData("hostile4.pth")]        // by torch.save, pickle protocol 4 (STACK_GLOBAL)
    [InlineData("hostile_header.pth")]  // in the system information pickle, before the state dict
    public void A_pickle_that_would_run_a_command_is_refused_and_runs_nothing(string name)
    {
        var path = files.File(name);
        var marker = path + ".marker";
        using var target = nn.Linear(2, 2);

        var e = Assert.Throws<InvalidInputException>(() => CheckpointLoader.Load(target, path));

        Assert.Equal(path, e.Path);
        Assert.Contains("refused: the pickle names the global 'posix.system'", e.Message);
        Assert.False(File.Exists(marker));
        // The file is armed: PyTorch's own torch.load runs the command.
        TorchCheckpoints.Run("load", path);
        Assert.True(File.Exists(marker), "torch.load did not run the payload: the test proves nothing");
        File.Delete(marker);
    }

    [Fact]
    public void A_whole_pickled_model_is_refused_naming_its_class()
    {
        var path = files.File("whole_model.pth");
        var e = Assert.Throws<InvalidInputException>(() => CheckpointContents.Read(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains("'torch.nn.modules.linear.Linear'", e.Message);
        Assert.Contains("torch.save(model.state_dict())", e.Message);
    }

    [Fact]
    public void Every_truncation_of_a_legacy_file_is_a_clear_error_naming_the_file()
    {
        using var folder = new TempFolder();
        var bytes = File.ReadAllBytes(files.File("dataparallel.pth"));
        var path = folder.File("truncated.pth");
        for (int length = 0; length < bytes.Length; length++)
        {
            File.WriteAllBytes(path, bytes[..length]);
            var e = Assert.Throws<InvalidInputException>(() => { using var _ = CheckpointContents.Read(path); });
            Assert.Equal(path, e.Path);
        }
    }

    [Fact]
    public void Corrupt_bytes_load_or_give_a_clear_error_never_another_exception()
    {
        using var folder = new TempFolder();
        var original = File.ReadAllBytes(files.File("views.pth"));
        var path = folder.File("corrupt.pth");
        var random = new Random(16);
        int refused = 0;
        for (int i = 0; i < original.Length + 2000; i++)
        {
            var bytes = (byte[])original.Clone();
            if (i < original.Length) bytes[i] ^= 0xff; // every byte once, then a few bytes at a time
            else for (int k = 0; k < 3; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            File.WriteAllBytes(path, bytes);
            try
            {
                using var _ = CheckpointContents.Read(path);
            }
            catch (InvalidInputException e)
            {
                Assert.Equal(path, e.Path);
                refused++;
            }
        }
        Assert.True(refused > original.Length / 4, $"only {refused} corrupt files were refused");
    }
}
