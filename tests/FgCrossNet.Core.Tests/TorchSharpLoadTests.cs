using TorchSharp;

namespace FgCrossNet.Core.Tests;

/// <summary>
/// Smoke tests that TorchSharp's native libraries actually load from the build output and compute.
/// On Linux systems whose libstdc++ is older than the one TorchSharp was linked against (e.g. Debian 12),
/// this only works because build/TorchSharpNativeFix.targets patches libLibTorchSharp.so after each build;
/// these tests fail if that step is missing, disabled or broken.
/// </summary>
public class TorchSharpLoadTests
{
    private const string Hint =
        "TorchSharp's native libraries did not load. On Linux with an older libstdc++ (e.g. Debian 12) the build " +
        "must run build/TorchSharpNativeFix.targets (imported by Directory.Build.targets, disabled by " +
        "-p:FixTorchSharpNative=false); check the build log for its message and `readelf -V libLibTorchSharp.so` " +
        "in the output folder.";

    [Fact]
    public void InitializeCpuDeviceType()
    {
        RunWithHint(() => torch.InitializeDeviceType(DeviceType.CPU));
    }

    [Fact]
    public void OnesSumIsFour()
    {
        float sum = 0;
        RunWithHint(() =>
        {
            using var ones = torch.ones(2, 2);
            using var total = ones.sum();
            sum = total.item<float>();
        });
        Assert.Equal(4f, sum);
    }

    private static void RunWithHint(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is NotSupportedException or DllNotFoundException or TypeInitializationException)
        {
            Assert.Fail($"{Hint}{Environment.NewLine}{ex}");
        }
    }
}
