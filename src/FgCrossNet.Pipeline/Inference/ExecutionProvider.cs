using Microsoft.ML.OnnxRuntime;

namespace FgCrossNet.Inference;

/// <summary>
/// The ONNX Runtime execution provider a run uses: CUDA on the requested device when this build carries the GPU package
/// (<c>ONNXRUNTIME_GPU</c>) and CUDA can be loaded, else the CPU. A CPU-only build is never handed a device id (its
/// native library lacks the CUDA entry point and throws <see cref="EntryPointNotFoundException"/>, even with fallback).
/// </summary>
public sealed record ExecutionProvider(int? GpuDeviceId, string Description)
{
    /// <summary>True when the ONNX Runtime package of this build has the CUDA provider.</summary>
    public static bool BuildHasCuda =>
#if ONNXRUNTIME_GPU
        true;
#else
        false;
#endif

    public static ExecutionProvider Cpu { get; } = new(null, "CPU");

    /// <summary>Resolves a request (<paramref name="gpuDeviceId"/> null: CPU) by trying to create a CUDA session option.</summary>
    public static ExecutionProvider Choose(int? gpuDeviceId)
    {
        if (gpuDeviceId is not { } id) return Cpu;
        if (id < 0) throw new ArgumentException($"--gpu: device id must be 0 or more, got {id}");
        if (!BuildHasCuda) return new(null, $"CPU (GPU {id} requested, but this build has the CPU-only ONNX Runtime package)");
        try
        {
            using var probe = SessionOptions.MakeSessionOptionWithCudaProvider(id);
            return new(id, $"CUDA (device {id})");
        }
        catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            return new(null, $"CPU (CUDA device {id} unavailable: {FirstLine(e.Message)})");
        }
    }

    /// <summary>Session options for this provider (CUDA with the CPU as fallback for unsupported operators, or the CPU).</summary>
    public SessionOptions CreateSessionOptions(int intraOpThreads = 0)
    {
        var options = GpuDeviceId is { } id ? SessionOptions.MakeSessionOptionWithCudaProvider(id) : new SessionOptions();
        if (intraOpThreads > 0) options.IntraOpNumThreads = intraOpThreads;
        return options;
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 160 ? line[..160] + "..." : line;
    }
}
