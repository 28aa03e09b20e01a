using System.Text;
using FgCrossNet.IO;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace FgCrossNet.Model;

/// <summary>
/// Writes a network's state dict (all parameters and buffers, by name) atomically: to a temporary file in the target's
/// folder, flushed, then renamed over the target, so a crash leaves either the old checkpoint or the new one, never a
/// truncated file. Read either format back with <see cref="CheckpointLoader"/>.
/// </summary>
public static class CheckpointWriter
{
    /// <summary>TorchSharp's format (<c>Module.save</c>; loads with <c>Module.load</c> too). Usual extension: <c>.dat</c>.</summary>
    public static void SaveTorchSharp(nn.Module network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        var stateDict = network.state_dict();
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            nn.Module.save_state_dict(writer, stateDict);
            writer.Flush();
        });
    }

    /// <summary>
    /// PyTorch's format (TorchSharp.PyBridge's <c>save_py</c>), which <c>torch.load</c> reads; the result goes into the
    /// reference code with <c>model.load_state_dict(torch.load(path))</c>. With <paramref name="dataParallelPrefix"/>,
    /// every key gets the prefix <c>module.</c>, for a network wrapped in <c>nn.DataParallel</c> as the reference's is.
    /// Usual extension: <c>.pth</c>.
    /// </summary>
    public static void SavePyTorch(nn.Module network, string path, bool dataParallelPrefix = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        var prefix = dataParallelPrefix ? CheckpointLoader.DataParallelPrefix : "";
        var entries = StateDictInPyTorchOrder(network).ToDictionary(kv => prefix + kv.Key, kv => kv.Value, StringComparer.Ordinal);
        AtomicFile.Write(path, stream => PyTorchPickler.PickleStateDict(stream, entries, leaveOpen: true));
    }

    /// <summary>
    /// The state dict in PyTorch's order (each module's own parameters, then its own buffers, then its children's, depth
    /// first), which <c>torch.load</c> users see when they iterate; TorchSharp's <c>state_dict()</c> lists all parameters
    /// before all buffers. The tensors are the network's own, not copies.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, Tensor>> StateDictInPyTorchOrder(nn.Module network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var walked = new List<KeyValuePair<string, Tensor>>();
        AddInPyTorchOrder(network, "", walked);
        // The state dict decides what is saved (e.g. it leaves out non-persistent buffers); the walk only orders it.
        var stateDict = network.state_dict();
        var ordered = walked.Where(kv => stateDict.ContainsKey(kv.Key)).DistinctBy(kv => kv.Key).ToList();
        var placed = ordered.Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        ordered.AddRange(stateDict.Where(kv => !placed.Contains(kv.Key)));
        return ordered;
    }

    // TorchSharp's named_modules() is not depth-first, hence the explicit walk over children.
    private static void AddInPyTorchOrder(nn.Module module, string prefix, List<KeyValuePair<string, Tensor>> ordered)
    {
        foreach (var (name, parameter) in module.named_parameters(recurse: false))
            ordered.Add(new(prefix + name, parameter));
        foreach (var (name, buffer) in module.named_buffers(recurse: false))
            ordered.Add(new(prefix + name, buffer));
        foreach (var (name, child) in module.named_children())
            AddInPyTorchOrder(child, prefix + name + ".", ordered);
    }
}
