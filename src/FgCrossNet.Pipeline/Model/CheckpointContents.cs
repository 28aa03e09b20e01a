using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;
using FgCrossNet.IO;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace FgCrossNet.Model;

/// <summary>
/// The state dict stored in a checkpoint file: entry names (as in the file, prefixes included) → CPU tensors. The
/// format is recognised from the content, not the extension. The object owns the tensors: dispose it.
/// </summary>
/// <remarks>
/// PyTorch zip files are read with TorchSharp.PyBridge's unpickler, PyTorch's legacy format (<c>torch.save</c> before
/// PyTorch 1.6, in which the reference's released checkpoints are stored) with <see cref="LegacyPyTorchFile"/>. A file
/// whose top level is a training checkpoint, a dict holding the state dict under <c>"state_dict"</c>,
/// <c>"model_state_dict"</c> or <c>"model"</c>, is also accepted. The tar archives <c>torch.save</c> wrote before
/// PyTorch 0.1.10 are recognised and refused with the one-line conversion to the current format.
/// </remarks>
public sealed class CheckpointContents : IDisposable
{
    /// <summary>Keys under which training checkpoints commonly nest the state dict, tried in this order.</summary>
    public static IReadOnlyList<string> NestedStateDictKeys { get; } = ["state_dict", "model_state_dict", "model"];

    private static readonly byte[] ZipLocalHeader = [0x50, 0x4b, 0x03, 0x04];

    // torch.save before PyTorch 0.1.10 wrote a tar archive ("ustar" at offset 257 of its first header).
    private const int TarMagicOffset = 257;
    private static readonly byte[] TarMagic = "ustar"u8.ToArray();

    private readonly Dictionary<string, Tensor> _tensors;

    // The legacy reader adds to the unpickler's process-wide constructor table (which PyBridge's zip reading uses):
    // done before any file is read, never while another thread reads a zip file.
    static CheckpointContents() => RuntimeHelpers.RunClassConstructor(typeof(LegacyPyTorchFile).TypeHandle);

    private CheckpointContents(string? path, CheckpointFormat format, string? nestedUnder, Dictionary<string, Tensor> tensors)
    {
        Path = path;
        Format = format;
        NestedUnder = nestedUnder;
        _tensors = tensors;
    }

    /// <summary>The file read, or null for contents built in memory.</summary>
    public string? Path { get; }

    public CheckpointFormat Format { get; }

    /// <summary>The key of the training checkpoint's dict that held the state dict, or null when the file is the state dict itself.</summary>
    public string? NestedUnder { get; }

    /// <summary>Entry names → tensors, in file order for TorchSharp files and in name order for PyTorch files (whose pickled dict the unpickler does not keep in order).</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors => _tensors;

    /// <summary>Reads a checkpoint. Throws <see cref="InvalidInputException"/> naming the file when it is not a state dict in a supported format.</summary>
    public static CheckpointContents Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new InvalidInputException(path, "checkpoint file not found");
        using var stream = File.OpenRead(path);
        var head = new byte[TarMagicOffset + TarMagic.Length];
        var headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;

        if (head.AsSpan().StartsWith(ZipLocalHeader)) return ReadPyTorch(path, stream);
        if (LegacyPyTorchFile.StartsWithMagicNumber(head.AsSpan(0, headLength))) return ReadLegacyPyTorch(path, stream);
        if (headLength == head.Length && head.AsSpan(TarMagicOffset).SequenceEqual(TarMagic))
        {
            throw new InvalidInputException(path,
                "saved in PyTorch's tar format (torch.save before PyTorch 0.1.10), which is not supported; " +
                "convert it once with PyTorch >= 1.6: torch.save(torch.load('old.pth', map_location='cpu'), 'new.pth')");
        }
        return ReadTorchSharp(path, stream);
    }

    /// <summary>Wraps tensors already in memory (e.g. to check names against a network). The contents take ownership of them.</summary>
    public static CheckpointContents FromTensors(IEnumerable<KeyValuePair<string, Tensor>> tensors, CheckpointFormat format = CheckpointFormat.TorchSharp)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var dict = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, value) in tensors)
        {
            if (!dict.TryAdd(key, value)) throw new ArgumentException($"Duplicate key '{key}'.", nameof(tensors));
        }
        return new CheckpointContents(null, format, null, dict);
    }

    public void Dispose()
    {
        foreach (var tensor in _tensors.Values) tensor.Dispose();
        _tensors.Clear();
    }

    /// <summary>
    /// Checks every entry of a zip checkpoint against the CRC-32 its directory records: .NET's ZipArchive does not verify
    /// stored (uncompressed) entries, which is how torch.save writes tensors, so damaged tensor bytes would load silently.
    /// </summary>
    private static void VerifyZipCrcs(string path, Stream stream)
    {
        try
        {
            using var archive = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            var crc = new System.IO.Hashing.Crc32();
            var buffer = new byte[1 << 16];
            foreach (var entry in archive.Entries)
            {
                crc.Reset();
                using (var content = entry.Open())
                {
                    int read;
                    while ((read = content.Read(buffer)) > 0) crc.Append(buffer.AsSpan(0, read));
                }
                uint actual = crc.GetCurrentHashAsUInt32();
                if (actual != entry.Crc32)
                    throw new InvalidInputException(path, $"damaged: entry '{entry.FullName}' fails its CRC-32 check (recorded {entry.Crc32:x8}, computed {actual:x8})");
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidInputException(path, $"not a readable zip archive: {e.Message}");
        }
        finally
        {
            stream.Position = 0;
        }
    }

    private static CheckpointContents ReadPyTorch(string path, Stream stream)
    {
        VerifyZipCrcs(path, stream);
        using var scope = NewDisposeScope();
        Hashtable top;
        try
        {
            top = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: true);
        }
        catch (Exception e) when (e is NotImplementedException or InvalidDataException or InvalidOperationException
                                      or InvalidCastException or IOException or Razorvine.Pickle.PickleException)
        {
            // PyBridge reports a pickled whole model (not a state dict) and other unsupported content this way.
            throw new InvalidInputException(path, $"not a readable PyTorch state dict: {e.Message}");
        }
        return FromStateDict(path, CheckpointFormat.PyTorch, top);
    }

    private static CheckpointContents ReadLegacyPyTorch(string path, Stream stream)
    {
        using var scope = NewDisposeScope();
        object saved;
        try
        {
            saved = LegacyPyTorchFile.Read(stream);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new InvalidInputException(path, $"legacy PyTorch file (torch.save before PyTorch 1.6): {e.Message}");
        }
        if (saved is not Hashtable top)
            throw new InvalidInputException(path, $"not a state dict: the file holds {saved switch { null => "None", Tensor => "a single tensor", _ => $"a {saved.GetType().Name}" }}, not a dict of tensors");
        return FromStateDict(path, CheckpointFormat.PyTorchLegacy, top);
    }

    // The state dict unpickled from a PyTorch file (the file's top-level dict), inside the dispose scope of the reading.
    private static CheckpointContents FromStateDict(string path, CheckpointFormat format, Hashtable top)
    {
        if (top.Count == 0) throw new InvalidInputException(path, "the state dict is empty");
        string? nestedUnder = null;
        var entries = top;
        if (!AllTensors(top))
        {
            nestedUnder = NestedStateDictKeys.FirstOrDefault(k => top[k] is Hashtable nested && nested.Count > 0 && AllTensors(nested));
            if (nestedUnder is null)
            {
                var notTensors = top.Keys.Cast<object>().Where(k => top[k] is not Tensor).Select(k => $"'{k}'").Order(StringComparer.Ordinal).Take(5);
                throw new InvalidInputException(path,
                    $"not a state dict: entries {string.Join(", ", notTensors)} are not tensors, and no state dict is nested under " +
                    string.Join(", ", NestedStateDictKeys.Select(k => $"'{k}'")));
            }
            entries = (Hashtable)top[nestedUnder]!;
        }

        var keys = entries.Keys.Cast<object>()
            .Select(k => k as string ?? throw new InvalidInputException(path, $"state dict key {k} is not a string"))
            .Order(StringComparer.Ordinal)
            .ToList();
        // Everything else the unpickler made (e.g. an optimizer's tensors next to a nested state dict) dies with the scope.
        // A tensor saved under two names (tied weights) is one object: each name gets its own handle, disposed on its own.
        var taken = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        Tensor OwnHandle(Tensor tensor) => taken.Add(tensor) ? tensor : tensor.alias();
        var tensors = keys.ToDictionary(k => k, k => OwnHandle((Tensor)entries[k]!).MoveToOuterDisposeScope(), StringComparer.Ordinal);
        return new CheckpointContents(path, format, nestedUnder, tensors);
    }

    private static bool AllTensors(Hashtable table) => table.Count > 0 && table.Values.Cast<object?>().All(v => v is Tensor);

    private static CheckpointContents ReadTorchSharp(string path, Stream stream)
    {
        const string NotACheckpoint =
            "not a checkpoint: neither a PyTorch state dict (zip archive written by torch.save) nor a TorchSharp state dict (.dat written by Module.save)";
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var complete = false;
        try
        {
            long length = stream.Length;
            long count = ReadLeb128(stream);
            // Every entry takes at least 3 bytes (name length, dtype, rank), which bounds a plausible count.
            if (count <= 0 || count > length / 3) throw new InvalidDataException($"implausible entry count {count}");
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            for (long i = 0; i < count; i++)
            {
                var name = ReadName(reader, length);
                var tensor = ReadTensor(stream, length);
                if (!tensors.TryAdd(name, tensor))
                {
                    tensor.Dispose();
                    throw new InvalidDataException($"duplicate entry '{name}'");
                }
            }
            if (stream.Position != length) throw new InvalidDataException($"{length - stream.Position} bytes after the last entry");
            complete = true;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or DecoderFallbackException or OverflowException)
        {
            throw new InvalidInputException(path, $"{NotACheckpoint} ({e.Message})");
        }
        finally
        {
            if (!complete)
            {
                foreach (var tensor in tensors.Values) tensor.Dispose();
            }
        }
        return new CheckpointContents(path, CheckpointFormat.TorchSharp, null, tensors);
    }

    private static string ReadName(BinaryReader reader, long length)
    {
        var byteCount = reader.Read7BitEncodedInt();
        if (byteCount <= 0 || byteCount > length - reader.BaseStream.Position)
            throw new InvalidDataException($"implausible name length {byteCount}");
        var bytes = reader.ReadBytes(byteCount);
        if (bytes.Length != byteCount) throw new EndOfStreamException();
        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
    }

    // TorchSharp's tensor layout: dtype, rank and each dimension as LEB128 integers, then the raw little-endian elements.
    private static Tensor ReadTensor(Stream stream, long length)
    {
        var dtypeCode = ReadLeb128(stream);
        var dtype = (ScalarType)dtypeCode;
        var elementSize = dtype switch
        {
            ScalarType.Byte or ScalarType.Int8 or ScalarType.Bool => 1,
            ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
            ScalarType.Int32 or ScalarType.Float32 => 4,
            ScalarType.Int64 or ScalarType.Float64 or ScalarType.ComplexFloat32 => 8,
            ScalarType.ComplexFloat64 => 16,
            _ => throw new InvalidDataException($"unknown element type code {dtypeCode}"),
        };
        var rank = ReadLeb128(stream);
        if (rank > 16) throw new InvalidDataException($"implausible rank {rank}");
        var shape = new long[rank];
        long bytes = elementSize;
        for (int d = 0; d < rank; d++)
        {
            shape[d] = ReadLeb128(stream);
            bytes = checked(bytes * shape[d]);
            if (bytes > length - stream.Position) throw new InvalidDataException($"tensor [{string.Join(", ", shape[..(d + 1)])}] is larger than the file");
        }
        var tensor = empty(shape, dtype);
        try
        {
            stream.ReadExactly(tensor.bytes);
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    private static long ReadLeb128(Stream stream)
    {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7)
        {
            int b = stream.ReadByte();
            if (b < 0) throw new EndOfStreamException();
            value |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException("malformed integer");
    }
}
