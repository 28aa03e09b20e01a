namespace FgCrossNet.Model;

/// <summary>The on-disk formats of a state dict (parameter and buffer names → tensors) that checkpoints use.</summary>
public enum CheckpointFormat
{
    /// <summary>
    /// PyTorch's <c>torch.save(model.state_dict(), path)</c> format since PyTorch 1.6: a zip archive holding
    /// <c>data.pkl</c> and one file per tensor storage (usually <c>.pth</c> or <c>.pt</c>). Read and written with
    /// TorchSharp.PyBridge; written files load with <c>torch.load</c>.
    /// </summary>
    PyTorch,

    /// <summary>
    /// PyTorch's legacy <c>torch.save</c> format (PyTorch 0.1.10 to 1.5, or later with
    /// <c>_use_new_zipfile_serialization=False</c>): a sequence of pickles followed by the raw storages, in which the
    /// reference's released checkpoints are stored. Read with <see cref="LegacyPyTorchFile"/>; never written.
    /// </summary>
    PyTorchLegacy,

    /// <summary>TorchSharp's own format, written by <c>Module.save</c> (usually <c>.dat</c>).</summary>
    TorchSharp,
}
