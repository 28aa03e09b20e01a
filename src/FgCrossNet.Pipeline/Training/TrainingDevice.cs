using static TorchSharp.torch;

namespace FgCrossNet.Training;

/// <summary>Turns the config's <c>device</c> into a TorchSharp device, falling back to the CPU when CUDA is missing.</summary>
public static class TrainingDevice
{
    /// <summary>"cpu", "cuda" or "cuda:N"; CUDA without a CUDA build or GPU gives the CPU and a message to <paramref name="log"/>.</summary>
    public static Device Resolve(string device, Action<string>? log = null)
    {
        if (device == "cpu") return CPU;
        if (cuda.is_available()) return new Device(device);
        log?.Invoke($"device '{device}' requested, but CUDA is not available (no GPU or a CPU-only TorchSharp build): training on the CPU.");
        return CPU;
    }
}
