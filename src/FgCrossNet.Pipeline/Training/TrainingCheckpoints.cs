using System.Text;
using FgCrossNet.Core.Losses;
using FgCrossNet.IO;
using FgCrossNet.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FgCrossNet.Training;

/// <summary>
/// The files of a run's <c>checkpoints/</c> folder, every one written atomically (temporary file, then rename):
/// <list type="bullet">
/// <item><c>initial.dat</c> / <c>initial.centers.dat</c>: the starting weights and centers.</item>
/// <item><c>last.json</c> (<see cref="TrainingState"/>) naming <c>state-s&lt;stage&gt;-e&lt;epoch&gt;.{model,centers,optimizer,rng}.dat</c>:
/// the model and the center-loss centers (TorchSharp state dicts, <see cref="CheckpointWriter"/>), the SGD state
/// (momentum buffers; <c>save_state_dict</c>) and TorchSharp's CPU RNG state. Written after every epoch; the files of
/// the epoch before are deleted once <c>last.json</c> names the new ones.</item>
/// <item><c>stage&lt;n&gt;-best.dat</c> / <c>stage&lt;n&gt;-best.centers.dat</c>: the best epoch of stage n so far;
/// <c>stage&lt;n&gt;-last.dat</c> / <c>stage&lt;n&gt;-last.centers.dat</c>: stage n's final epoch.</item>
/// <item><c>final.dat</c> and <c>final.pth</c> (PyTorch state dict for the reference code): the model at the end.</item>
/// </list>
/// </summary>
public sealed class TrainingCheckpoints(string folder)
{
    public const string LastStateFile = "last.json";
    public const string FinalTorchSharpFile = "final.dat";
    public const string FinalPyTorchFile = "final.pth";

    /// <summary>The weights the run started from (pretrained or the seeded random start), used by a stage whose init is "pretrained".</summary>
    public const string InitialModelFile = "initial.dat";

    public const string InitialCentersFile = "initial.centers.dat";

    public string Folder { get; } = Path.GetFullPath(folder);

    public string PathOf(string name) => Path.Combine(Folder, name);

    public static string BestModelFile(int stage) => $"stage{stage}-best.dat";

    public static string BestCentersFile(int stage) => $"stage{stage}-best.centers.dat";

    public static string StageLastModelFile(int stage) => $"stage{stage}-last.dat";

    public static string StageLastCentersFile(int stage) => $"stage{stage}-last.centers.dat";

    /// <summary>The state of the last completed epoch, or null when no epoch has completed.</summary>
    public TrainingState? ReadLast()
    {
        var file = PathOf(LastStateFile);
        if (!File.Exists(file)) return null;
        try
        {
            return TrainingState.FromJson(File.ReadAllText(file));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidInputException(file, $"not a training state: {e.Message}");
        }
    }

    /// <summary>Saves the training state after an epoch, then points <c>last.json</c> at it and removes the previous state's files.</summary>
    public void SaveLast(TrainingState bookkeeping, FgCrossNetModel model, CenterLoss centers, OptimizerHelper optimizer)
    {
        var previous = ReadLast();
        var stem = $"state-s{bookkeeping.Stage}-e{bookkeeping.Epoch:D3}";
        var state = bookkeeping with
        {
            ModelFile = stem + ".model.dat",
            CentersFile = stem + ".centers.dat",
            OptimizerFile = stem + ".optimizer.dat",
            RngFile = stem + ".rng.dat",
        };
        CheckpointWriter.SaveTorchSharp(model, PathOf(state.ModelFile));
        CheckpointWriter.SaveTorchSharp(centers, PathOf(state.CentersFile));
        AtomicFile.Write(PathOf(state.OptimizerFile), stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            optimizer.save_state_dict(writer);
            writer.Flush();
        });
        using (var rng = random.get_rng_state())
        {
            var bytes = rng.data<byte>().ToArray();
            AtomicFile.Write(PathOf(state.RngFile), stream => stream.Write(bytes));
        }
        AtomicFile.WriteAllText(PathOf(LastStateFile), state.ToJson() + "\n");
        if (previous is null) return;
        foreach (var old in new[] { previous.ModelFile, previous.CentersFile, previous.OptimizerFile, previous.RngFile })
            if (old.Length > 0 && old != state.ModelFile && old != state.CentersFile && old != state.OptimizerFile && old != state.RngFile)
                File.Delete(PathOf(old));
    }

    /// <summary>Loads the model, centers, optimizer and RNG state named by <paramref name="state"/>; a truncated or corrupt part is an error naming its file.</summary>
    public void LoadLast(TrainingState state, FgCrossNetModel model, CenterLoss centers, OptimizerHelper optimizer)
    {
        CheckpointLoader.Load(model, PathOf(state.ModelFile));
        CheckpointLoader.Load(centers, PathOf(state.CentersFile));
        LoadOptimizer(PathOf(state.OptimizerFile), optimizer);
        LoadRng(state);
    }

    /// <summary>
    /// Restores TorchSharp's CPU generator from the state's RNG file. Its size is checked first: libtorch aborts the
    /// process (it does not throw) when handed a state of the wrong size.
    /// </summary>
    public void LoadRng(TrainingState state)
    {
        var path = PathOf(state.RngFile);
        if (!File.Exists(path)) throw new InvalidInputException(path, "the RNG state of the last checkpoint is missing");
        var bytes = File.ReadAllBytes(path);
        long expected;
        using (var current = random.get_rng_state()) expected = current.NumberOfElements;
        if (bytes.Length != expected)
            throw new InvalidInputException(path, $"the RNG state has {bytes.Length:N0} bytes, TorchSharp's CPU generator needs {expected:N0} (truncated, or written by another TorchSharp version)");
        using var rng = tensor(bytes, dtype: ScalarType.Byte);
        random.set_rng_state(rng);
    }

    private static void LoadOptimizer(string path, OptimizerHelper optimizer)
    {
        if (!File.Exists(path)) throw new InvalidInputException(path, "the optimizer state of the last checkpoint is missing");
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream);
            optimizer.load_state_dict(reader);
            if (stream.Position != stream.Length)
                throw new InvalidDataException($"{stream.Length - stream.Position:N0} bytes after the optimizer state");
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException or ArgumentException
                                      or InvalidOperationException or OverflowException or FormatException or InvalidCastException)
        {
            throw new InvalidInputException(path, $"not a readable optimizer state (truncated or corrupt): {e.Message}");
        }
    }

    /// <summary>Saves the model and centers under the given names (best or stage-last checkpoints).</summary>
    public void SaveModel(string modelFile, string centersFile, FgCrossNetModel model, CenterLoss centers)
    {
        CheckpointWriter.SaveTorchSharp(model, PathOf(modelFile));
        CheckpointWriter.SaveTorchSharp(centers, PathOf(centersFile));
    }

    /// <summary>Loads a model and centers saved by <see cref="SaveModel"/>.</summary>
    public void LoadModel(string modelFile, string centersFile, FgCrossNetModel model, CenterLoss centers)
    {
        CheckpointLoader.Load(model, PathOf(modelFile));
        CheckpointLoader.Load(centers, PathOf(centersFile));
    }

    /// <summary>The final model in both formats.</summary>
    public void SaveFinal(FgCrossNetModel model)
    {
        CheckpointWriter.SaveTorchSharp(model, PathOf(FinalTorchSharpFile));
        CheckpointWriter.SavePyTorch(model, PathOf(FinalPyTorchFile));
    }
}
