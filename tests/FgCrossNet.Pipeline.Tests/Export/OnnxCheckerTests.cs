using FgCrossNet.Export;
using FgCrossNet.Model;

namespace FgCrossNet.Pipeline.Tests.Export;

/// <summary>
/// Both files of an export pass the official ONNX checker with <c>full_check=True</c> (which also runs shape inference):
/// Debian 12's <c>python3-onnx</c> under <c>/usr/bin/python3</c>, which environment/setup.sh installs, run through
/// <see cref="OnnxChecker"/> (which the 03-export notebook uses too).
/// </summary>
public sealed class OnnxCheckerTests
{
    [Fact]
    public void Exported_files_pass_the_onnx_checker()
    {
        using var folder = new TempFolder();
        using var model = ExportTestData.SmallModel(ResNetDepth.ResNet18, seed: 2);
        var (image, text) = OnnxModelWriter.Write(model, ExportTestData.Metadata(model), folder.File("model.onnx"));
        foreach (var file in new[] { image, text })
        {
            var (exitCode, output) = Check(file);
            Assert.True(exitCode == 0, $"onnx.checker rejected {Path.GetFileName(file)}:\n{output}");
            Assert.Contains("checked ir_version=8 opset=13", output);
        }
    }

    [Fact]
    public void Checker_rejects_a_broken_model()
    {
        // The checker must be able to fail: a model whose node reads a value nobody produces.
        using var folder = new TempFolder();
        var broken = new Onnx.ModelProto { IrVersion = 8, ProducerName = "test", Graph = new Onnx.GraphProto { Name = "g" } };
        broken.OpsetImport.Add(new Onnx.OperatorSetIdProto { Domain = "", Version = 13 });
        var node = new Onnx.NodeProto { OpType = "Relu", Name = "r" };
        node.Input.Add("missing");
        node.Output.Add("y");
        broken.Graph.Node.Add(node);
        var path = folder.File("broken.onnx");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(broken));
        var (exitCode, _) = Check(path);
        Assert.NotEqual(0, exitCode);
    }

    private static (int ExitCode, string Output) Check(string file)
    {
        Assert.True(File.Exists(OnnxChecker.Python), $"{OnnxChecker.Python} is missing: run environment/setup.sh (it installs python3-onnx)");
        var verdict = OnnxChecker.Check(file);
        Assert.True(verdict.Ran, $"{verdict} (run environment/setup.sh: it installs the Debian package python3-onnx)");
        Assert.True(OnnxChecker.IsAvailable);
        return (verdict.Passed ? 0 : 1, verdict.Output);
    }
}
