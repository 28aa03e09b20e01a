using System.Text.Json;
using FgCrossNet.Model;
using FgCrossNet.Pipeline.Tests.Training;
using FgCrossNet.Training;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Model;

/// <summary>What PyTorch said a saved tensor is: element type, shape, strides and values (row-major; complex as pairs).</summary>
internal sealed record SavedTensor(string DType, long[] Shape, long[] Stride, double[] Values, long[] Integers);

/// <summary>A config, the network it builds (owned: dispose), and that network's weights in the reference's format and in the zip format.</summary>
internal sealed record ReferenceFormatCheckpoint(ExperimentConfig Config, string ConfigFile, FgCrossNetModel Source, string Legacy, string Zip) : IDisposable
{
    public void Dispose() => Source.Dispose();
}

/// <summary>
/// Checkpoints written by real PyTorch: <c>torch_checkpoints.py</c> run by Debian's <c>python3-torch</c> under
/// <c>/usr/bin/python3</c> (environment/setup.sh installs it). A test that cannot run it fails. As a class fixture it
/// writes the small legacy-format files once (<c>torch_checkpoints.py small</c>) into a temporary folder.
/// </summary>
public sealed class TorchCheckpoints : IDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly TempFolder _folder = new();

    public TorchCheckpoints() => Run("small", _folder.Path);

    public static string Script { get; } = Path.Combine(RepositoryPaths.Root, "tests", "FgCrossNet.Pipeline.Tests", "Model", "torch_checkpoints.py");

    /// <summary>A file the fixture wrote (e.g. <c>views.pth</c>).</summary>
    public string File(string name) => Path.Combine(_folder.Path, name);

    /// <summary>Runs <c>torch_checkpoints.py</c> with the arguments; fails the test when Python, PyTorch or the script fails.</summary>
    public static void Run(params string[] args)
    {
        Assert.True(System.IO.File.Exists(Python), $"{Python} is missing: run environment/setup.sh (it installs python3-torch)");
        var result = CliProcess.RunProgram(Python, [Script, .. args]);
        Assert.True(result.ExitCode == 0,
            $"torch_checkpoints.py {string.Join(' ', args)} failed (environment/setup.sh installs python3-torch):\n{result.StdErr}{result.StdOut}");
    }

    /// <summary>
    /// The tiny training config (written to <c>config.json</c>) and a ResNet-18 FGCrossNet built as it says, with random
    /// batch-norm statistics, whose state dict PyTorch saves as the reference saves its model: every key prefixed with
    /// <c>module.</c> (<c>nn.DataParallel</c>), in the legacy format (<c>_use_new_zipfile_serialization=False</c>), and
    /// its twin in the zip format. All files are in <paramref name="folder"/>.
    /// </summary>
    internal static ReferenceFormatCheckpoint WriteReferenceFormatCheckpoint(TempFolder folder, ulong seed)
    {
        var config = TinyTrainingRoot.Config();
        var configFile = folder.File("config.json");
        System.IO.File.WriteAllText(configFile, ExperimentConfigLoader.ToJson(config));
        var source = new FgCrossNetModel(new NetworkArchitecture(ResNetDepth.ResNet18, config.Model.Classes, config.Data.TextLength));
        ModelTestData.RandomizeBatchNormStatistics(source, seed);
        source.eval();
        var fromTorchSharp = folder.File("from-torchsharp.pth");
        CheckpointWriter.SavePyTorch(source, fromTorchSharp);
        var checkpoint = new ReferenceFormatCheckpoint(config, configFile, source, folder.File("legacy.pth"), folder.File("zip.pth"));
        Run("resave", fromTorchSharp, checkpoint.Legacy, checkpoint.Zip);
        return checkpoint;
    }

    /// <summary>The tensors of <c>FILE.json</c>, which the script writes beside a checkpoint, by key.</summary>
    internal static Dictionary<string, SavedTensor> Described(string checkpoint)
    {
        using var json = JsonDocument.Parse(System.IO.File.ReadAllText(checkpoint + ".json"));
        var tensors = new Dictionary<string, SavedTensor>(StringComparer.Ordinal);
        foreach (var entry in json.RootElement.EnumerateObject())
        {
            var dtype = entry.Value.GetProperty("dtype").GetString()!;
            var values = entry.Value.GetProperty("values").EnumerateArray().ToList();
            bool integral = !IsFloating(dtype);
            tensors[entry.Name] = new SavedTensor(
                dtype,
                entry.Value.GetProperty("shape").EnumerateArray().Select(v => v.GetInt64()).ToArray(),
                entry.Value.GetProperty("stride").EnumerateArray().Select(v => v.GetInt64()).ToArray(),
                integral ? [] : values.Select(v => v.GetDouble()).ToArray(),
                integral ? values.Select(v => v.GetInt64()).ToArray() : []);
        }
        return tensors;
    }

    /// <summary>Asserts that <paramref name="actual"/> is what PyTorch saved: element type, shape and every value, exactly.</summary>
    internal static void AssertSame(SavedTensor expected, Tensor actual, string key)
    {
        Assert.True(ScalarTypeOf(expected.DType) == actual.dtype, $"{key}: {actual.dtype}, saved as {expected.DType}");
        Assert.True(expected.Shape.SequenceEqual(actual.shape), $"{key}: shape [{string.Join(", ", actual.shape)}], saved as [{string.Join(", ", expected.Shape)}]");
        using var scope = NewDisposeScope();
        if (IsFloating(expected.DType))
        {
            var flat = (actual.is_complex() ? view_as_real(actual) : actual).to_type(ScalarType.Float64).flatten().data<double>().ToArray();
            Assert.True(expected.Values.SequenceEqual(flat), $"{key}: values differ from the saved ones");
        }
        else
        {
            var flat = actual.to_type(ScalarType.Int64).flatten().data<long>().ToArray();
            Assert.True(expected.Integers.SequenceEqual(flat), $"{key}: values differ from the saved ones");
        }
    }

    private static bool IsFloating(string dtype) => dtype.StartsWith("float", StringComparison.Ordinal) || dtype.StartsWith("bfloat", StringComparison.Ordinal) || dtype.StartsWith("complex", StringComparison.Ordinal);

    private static ScalarType ScalarTypeOf(string dtype) => dtype switch
    {
        "float32" => ScalarType.Float32,
        "float64" => ScalarType.Float64,
        "float16" => ScalarType.Float16,
        "bfloat16" => ScalarType.BFloat16,
        "int64" => ScalarType.Int64,
        "int32" => ScalarType.Int32,
        "int16" => ScalarType.Int16,
        "int8" => ScalarType.Int8,
        "uint8" => ScalarType.Byte,
        "bool" => ScalarType.Bool,
        "complex64" => ScalarType.ComplexFloat32,
        "complex128" => ScalarType.ComplexFloat64,
        _ => throw new ArgumentException($"unknown dtype {dtype}"),
    };

    public void Dispose() => _folder.Dispose();
}
