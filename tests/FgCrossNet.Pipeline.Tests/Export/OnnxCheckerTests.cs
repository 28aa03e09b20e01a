using System.Diagnostics;
using FgCrossNet.Export;
using FgCrossNet.Model;

namespace FgCrossNet.Pipeline.Tests.Export;

/// <summary>
/// Both files of an export pass the official ONNX checker with <c>full_check=True</c> (which also runs shape inference):
/// Debian 12's <c>python3-onnx</c> under <c>/usr/bin/python3</c>, which environment/setup.sh installs.
/// </summary>
public sealed class OnnxCheckerTests
{
    private const string SystemPython = "/usr/bin/python3";

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
        Assert.True(File.Exists(SystemPython), $"{SystemPython} is missing: run environment/setup.sh (it installs python3-onnx)");
        const string script =
            "import sys\n" +
            "try:\n import onnx\n" +
            "except ImportError:\n print('NO_ONNX'); sys.exit(3)\n" +
            "m = onnx.load(sys.argv[1])\n" +
            "onnx.checker.check_model(m, full_check=True)\n" +
            "print(f'checked ir_version={m.ir_version} opset={m.opset_import[0].version}')\n";
        var start = new ProcessStartInfo(SystemPython) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the onnx checker did not finish");
        var output = stdout.Result + stderr.Result;
        Assert.False(output.Contains("NO_ONNX", StringComparison.Ordinal),
            $"{SystemPython} has no onnx module: run environment/setup.sh (it installs the Debian package python3-onnx)");
        return (process.ExitCode, output);
    }
}
