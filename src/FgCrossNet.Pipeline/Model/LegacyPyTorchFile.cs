using System.Buffers.Binary;
using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Razorvine.Pickle;
using Razorvine.Pickle.Objects;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace FgCrossNet.Model;

/// <summary>
/// Reads PyTorch's legacy <c>torch.save</c> format (PyTorch 0.1.10 to 1.5, and later with
/// <c>_use_new_zipfile_serialization=False</c>), in which the reference's released checkpoints are stored. No Python is
/// involved and no code from the file runs.
/// </summary>
/// <remarks>
/// <para>
/// The format is a sequence of pickles followed by raw data: the magic number <c>0x1950a86a20f9469cfc6c</c>, the
/// protocol version 1001, a dict of system information (<c>little_endian</c>, type sizes), then the saved object, in
/// which every tensor is <c>torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, ...)</c> and every
/// storage a persistent id <c>('storage', storage_type, key, location, numel, view_metadata)</c>; then the list of
/// storage keys; then, for each key in that order, the storage as a little-endian 8-byte element count followed by its
/// elements. <c>view_metadata</c> is null, or <c>(view_key, offset, size)</c> in elements when a storage was a slice of
/// another (PyTorch before 1.6 could save such storage views).
/// </para>
/// <para>
/// Pickles are decoded with Razorvine.Pickle, which builds plain .NET objects and runs nothing. Before any pickle is
/// decoded, <see cref="PickleScanner"/> lists the globals it names, and a file that names anything but the few a state
/// dict needs (<see cref="AllowedGlobals"/> and the storage classes <c>torch.XStorage</c>, <c>torch.cuda.XStorage</c>)
/// is refused: a whole pickled model (<c>torch.save(model)</c>) or a pickle that would call a function. CUDA storages
/// load on the CPU. A tensor is a view of its storage (views with offsets and strides, and several tensors sharing one
/// storage, keep their layout).
/// </para>
/// </remarks>
public static class LegacyPyTorchFile
{
    /// <summary>The globals a legacy state dict may name, besides the storage classes.</summary>
    public static IReadOnlyList<string> AllowedGlobals { get; } =
        ["torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor", "collections.OrderedDict"];

    private const long ProtocolVersion = 1001;
    private const int MaxRank = 64;

    // The magic number as pickle protocol 2 and later write it: LONG1, 10 bytes, little-endian.
    private static readonly byte[] MagicNumber = [0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, (byte)'.'];

    private static readonly IReadOnlyDictionary<string, (ScalarType Type, int Size)> StorageTypes = new Dictionary<string, (ScalarType, int)>
    {
        ["FloatStorage"] = (ScalarType.Float32, 4),
        ["DoubleStorage"] = (ScalarType.Float64, 8),
        ["HalfStorage"] = (ScalarType.Float16, 2),
        ["BFloat16Storage"] = (ScalarType.BFloat16, 2),
        ["LongStorage"] = (ScalarType.Int64, 8),
        ["IntStorage"] = (ScalarType.Int32, 4),
        ["ShortStorage"] = (ScalarType.Int16, 2),
        ["CharStorage"] = (ScalarType.Int8, 1),
        ["ByteStorage"] = (ScalarType.Byte, 1),
        ["BoolStorage"] = (ScalarType.Bool, 1),
        ["ComplexFloatStorage"] = (ScalarType.ComplexFloat32, 8),
        ["ComplexDoubleStorage"] = (ScalarType.ComplexFloat64, 16),
    };

    static LegacyPyTorchFile()
    {
        // Razorvine's constructors are one process-wide table that TorchSharp.PyBridge fills for the zip format. Its
        // entries are made first and kept: ours builds tensors from the legacy storages and hands every other call on.
        RuntimeHelpers.RunClassConstructor(typeof(PyTorchUnpickler).TypeHandle);
        foreach (var name in new[] { "_rebuild_tensor_v2", "_rebuild_tensor" })
        {
            var previous = RegisteredConstructors.Get("torch._utils." + name);
            if (previous is not TensorRebuilder) Unpickler.registerConstructor("torch._utils", name, new TensorRebuilder(previous));
        }
    }

    /// <summary>Whether <paramref name="head"/> (the first bytes of a file) starts a legacy <c>torch.save</c> file.</summary>
    public static bool StartsWithMagicNumber(ReadOnlySpan<byte> head)
    {
        // PROTO n, then (protocol 4 and later) an optional FRAME, then the magic number.
        if (head.Length < 2 || head[0] != 0x80 || head[1] < 2) return false;
        var rest = head[2..];
        if (rest.Length > 0 && rest[0] == 0x95) rest = rest.Length >= 9 ? rest[9..] : [];
        return rest.StartsWith(MagicNumber);
    }

    /// <summary>
    /// Reads the object saved in a legacy file: state dicts are <see cref="Hashtable"/>s of tensor views (created in the
    /// current dispose scope), lists are <see cref="ArrayList"/>s, tuples arrays.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is truncated or corrupt, or names a global that is not allowed (the message says which).</exception>
    public static object Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var magic = ReadPickle(stream, "magic number");
        if (!StartsWithMagicNumber(magic)) throw new InvalidDataException("not a legacy torch.save file (no magic number)");

        var protocol = AsLong(Unpickle(ReadPickle(stream, "protocol version"), null), "protocol version");
        if (protocol != ProtocolVersion) throw new InvalidDataException($"unknown legacy format version {protocol} (expected {ProtocolVersion})");

        if (Unpickle(ReadPickle(stream, "system information"), null) is not Hashtable systemInfo)
            throw new InvalidDataException("the system information is not a dict");
        if (systemInfo["little_endian"] is not true)
            throw new InvalidDataException("written on a big-endian machine, which is not supported");

        var storages = new StorageTable(stream.Length);
        var saved = Unpickle(ReadPickle(stream, "saved object"), storages);

        if (Unpickle(ReadPickle(stream, "storage keys"), null) is not ArrayList keys)
            throw new InvalidDataException("the list of storage keys is not a list");
        foreach (var key in keys)
        {
            var storage = storages.Find(AsString(key, "storage key"))
                ?? throw new InvalidDataException($"the storage key '{key}' is not used by the saved object");
            storage.ReadData(stream);
        }
        storages.CheckAllRead();
        if (stream.Position != stream.Length)
            throw new InvalidDataException($"{stream.Length - stream.Position} bytes after the last storage");
        return saved;
    }

    private static bool IsAllowed(string global)
    {
        if (AllowedGlobals.Contains(global)) return true;
        var dot = global.LastIndexOf('.');
        var module = global[..dot];
        return module is "torch" or "torch.cuda" && StorageTypes.ContainsKey(global[(dot + 1)..]);
    }

    // One pickle's bytes, from the stream's position, refused if it names a global that is not allowed.
    private static byte[] ReadPickle(Stream stream, string what)
    {
        var start = stream.Position;
        if (start == stream.Length) throw new InvalidDataException($"the file ends before the {what}");
        PickleScan scan;
        try
        {
            scan = PickleScanner.Scan(stream);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw new InvalidDataException($"the {what} (pickle at byte {start}): {e.Message}", e);
        }
        if (scan.Length > Array.MaxLength) throw new InvalidDataException($"the {what} is a pickle of {scan.Length} bytes");
        var refused = scan.Globals.FirstOrDefault(g => !IsAllowed(g));
        if (refused is not null)
        {
            throw new InvalidDataException(
                $"refused: the pickle names the global '{refused}', which a state dict does not contain (nothing was run); " +
                $"state dicts name only {string.Join(", ", AllowedGlobals)} and torch storage classes. " +
                "A file written by torch.save(model) instead of torch.save(model.state_dict()) names the model's classes");
        }
        stream.Position = start;
        var bytes = new byte[scan.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static object Unpickle(byte[] pickle, StorageTable? storages)
    {
        try
        {
            using var unpickler = new StorageUnpickler(storages);
            return unpickler.loads(pickle);
        }
        catch (InvalidDataException)
        {
            throw;
        }
        catch (Exception e) when (e is PickleException or InvalidCastException or ArgumentException or IndexOutOfRangeException
                                      or KeyNotFoundException or OverflowException or NullReferenceException or FormatException)
        {
            // Razorvine reports a malformed pickle with these (found by corrupting files byte by byte: its stack
            // underflows, holds the wrong type, or a text number does not parse).
            throw new InvalidDataException($"a corrupt pickle ({e.GetType().Name}: {e.Message})", e);
        }
    }

    private static long AsLong(object? value, string what) => value switch
    {
        int i => i,
        long l => l,
        BigInteger b when b >= long.MinValue && b <= long.MaxValue => (long)b,
        _ => throw new InvalidDataException($"the {what} is {Describe(value)}, not an integer"),
    };

    // Python 2 pickles may hold text as byte strings; the legacy reader decodes them as ASCII, as torch.load does.
    private static string AsString(object? value, string what) => value switch
    {
        string s => s,
        byte[] b => Encoding.ASCII.GetString(b),
        _ => throw new InvalidDataException($"the {what} is {Describe(value)}, not a string"),
    };

    private static long[] AsLongs(object? value, string what)
    {
        if (value is not object[] items) throw new InvalidDataException($"the {what} is {Describe(value)}, not a tuple");
        if (items.Length > MaxRank) throw new InvalidDataException($"the {what} has {items.Length} dimensions");
        return items.Select(v => AsLong(v, what)).ToArray();
    }

    private static string Describe(object? value) => value is null ? "None" : value.GetType().Name;

    /// <summary>The storages of one file by key, created when the pickle first names them and filled from the data after it.</summary>
    private sealed class StorageTable(long fileLength)
    {
        private readonly Dictionary<string, Storage> _byKey = new(StringComparer.Ordinal);
        private long _bytes;

        public Storage? Find(string key) => _byKey.GetValueOrDefault(key);

        public Storage GetOrCreate(string key, ScalarType type, int elementSize, long count)
        {
            if (_byKey.TryGetValue(key, out var existing))
            {
                if (existing.Type != type || existing.Count != count)
                    throw new InvalidDataException($"storage '{key}' is named with two types or sizes");
                return existing;
            }
            // Every storage's elements are in the file, which bounds what may be allocated before reading them.
            if (count < 0 || count > (fileLength - _bytes) / elementSize)
                throw new InvalidDataException($"storage '{key}' of {count} elements is larger than the file");
            _bytes += count * elementSize;
            var storage = new Storage(key, type, elementSize, count);
            _byKey.Add(key, storage);
            return storage;
        }

        public void CheckAllRead()
        {
            var unread = _byKey.Values.FirstOrDefault(s => !s.IsRead);
            if (unread is not null) throw new InvalidDataException($"storage '{unread.Key}' is used but its data is not in the file");
        }
    }

    /// <summary>A storage: a flat tensor allocated when first named, whose elements are read after the pickle.</summary>
    private sealed class Storage(string key, ScalarType type, int elementSize, long count)
    {
        public string Key { get; } = key;
        public ScalarType Type { get; } = type;
        public long Count { get; } = count;
        public bool IsRead { get; private set; }
        public Tensor Data { get; } = empty([count], type);

        public void ReadData(Stream stream)
        {
            if (IsRead) throw new InvalidDataException($"storage '{Key}' is listed twice");
            Span<byte> header = stackalloc byte[8];
            if (stream.Length - stream.Position < header.Length)
                throw new InvalidDataException($"the file ends before storage '{Key}'");
            stream.ReadExactly(header);
            var stored = BinaryPrimitives.ReadInt64LittleEndian(header);
            if (stored != Count) throw new InvalidDataException($"storage '{Key}' holds {stored} elements but the pickle says {Count}");
            if (stream.Length - stream.Position < Count * elementSize)
                throw new InvalidDataException($"the file ends inside storage '{Key}' ({Count * elementSize} bytes expected, {stream.Length - stream.Position} left)");
            if (Count > 0) stream.ReadExactly(Data.bytes);
            IsRead = true;
        }
    }

    /// <summary>What a persistent id resolves to: a storage, or a slice of one (a storage view, <c>view_metadata</c>).</summary>
    private sealed record StorageSlice(Storage Storage, long Offset, long Count);

    /// <summary>An unpickler whose persistent ids are storages of one file.</summary>
    private sealed class StorageUnpickler(StorageTable? storages) : Unpickler
    {
        private readonly Dictionary<string, StorageSlice> _views = new(StringComparer.Ordinal);

        protected override object persistentLoad(object pid)
        {
            if (storages is null) throw new InvalidDataException("a persistent id outside the saved object");
            if (pid is not object[] id || id.Length < 5) throw new InvalidDataException($"a persistent id that is {Describe(pid)}, not a storage tuple");
            var kind = AsString(id[0], "persistent id kind");
            if (kind != "storage") throw new InvalidDataException($"a persistent id of kind '{kind}' (only storages are read; 'module' ids come from whole pickled models)");
            if (id[1] is not ClassDictConstructor storageClass || !StorageTypes.TryGetValue(storageClass.name, out var type))
                throw new InvalidDataException($"a storage type that is {Describe(id[1])}, not a torch storage class");
            var key = AsString(id[2], "storage key");
            AsString(id[3], "storage location"); // cpu or cuda:N: everything loads on the CPU
            var count = AsLong(id[4], "storage size");
            var storage = storages.GetOrCreate(key, type.Type, type.Size, count);
            var viewMetadata = id.Length > 5 ? id[5] : null;
            if (viewMetadata is null) return new StorageSlice(storage, 0, count);

            if (viewMetadata is not object[] { Length: 3 } view) throw new InvalidDataException($"storage view metadata that is {Describe(viewMetadata)}");
            var viewKey = AsString(view[0], "storage view key");
            var offset = AsLong(view[1], "storage view offset");
            var size = AsLong(view[2], "storage view size");
            if (offset < 0 || size < 0 || offset > count || size > count - offset)
                throw new InvalidDataException($"storage view '{viewKey}' [{offset}, {offset} + {size}) lies outside storage '{key}' of {count} elements");
            if (!_views.TryGetValue(viewKey, out var slice)) _views.Add(viewKey, slice = new StorageSlice(storage, offset, size));
            return slice;
        }
    }

    /// <summary>
    /// <c>torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])</c>
    /// and <c>_rebuild_tensor(storage, storage_offset, size, stride)</c> for legacy storages: a view of the storage (filled
    /// later). Calls with other storages go to the constructor registered before (TorchSharp.PyBridge's, for zip files).
    /// </summary>
    private sealed class TensorRebuilder(IObjectConstructor? previous) : IObjectConstructor
    {
        public object construct(object[] args)
        {
            if (args.Length == 0 || args[0] is not StorageSlice slice)
            {
                return previous?.construct(args)
                       ?? throw new InvalidDataException($"a tensor rebuilt from {(args.Length == 0 ? "nothing" : Describe(args[0]))}, not a storage");
            }
            if (args.Length < 4) throw new InvalidDataException($"a tensor rebuilt from {args.Length} arguments");
            var offset = AsLong(args[1], "tensor storage offset");
            var size = AsLongs(args[2], "tensor size");
            var stride = AsLongs(args[3], "tensor stride");
            if (size.Length != stride.Length) throw new InvalidDataException($"a tensor of size ({string.Join(", ", size)}) with stride ({string.Join(", ", stride)})");
            if (offset < 0 || size.Any(d => d < 0) || stride.Any(s => s < 0))
                throw new InvalidDataException($"a tensor with a negative offset, size or stride");
            if (!size.Contains(0))
            {
                // The last element the view reaches must lie inside the storage (or storage view).
                long last;
                try
                {
                    last = checked(offset + size.Zip(stride, (d, s) => checked((d - 1) * s)).Sum());
                }
                catch (OverflowException)
                {
                    throw new InvalidDataException("a tensor whose extent overflows");
                }
                if (last >= slice.Count)
                    throw new InvalidDataException($"a tensor of size ({string.Join(", ", size)}), stride ({string.Join(", ", stride)}) and offset {offset} reaches element {last} of a storage of {slice.Count}");
            }
            return slice.Storage.Data.as_strided(size, stride, slice.Offset + offset);
        }
    }

    /// <summary>Read access to Razorvine's process-wide table of constructors (protected in <see cref="Unpickler"/>).</summary>
    private sealed class RegisteredConstructors : Unpickler
    {
        public static IObjectConstructor? Get(string name) => objectConstructors.TryGetValue(name, out var c) ? c : null;
    }
}
