using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using FgCrossNet.Core.Retrieval;

namespace FgCrossNet.IO;

/// <summary>
/// NumPy <c>.npy</c> files (format versions 1.0-3.0) holding a 2-D C-ordered float32 or float64 array (little- or
/// big-endian): the format <c>numpy.save</c> writes. Float64 is narrowed to float32 on reading.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static FeatureMatrix Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException(path, "file not found");
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        var magic = reader.ReadBytes(6);
        if (!magic.AsSpan().SequenceEqual(Magic)) throw new InvalidInputException(path, "not a .npy file (bad magic bytes)");
        if (stream.Length < 10) throw new InvalidInputException(path, "truncated .npy header");
        int major = reader.ReadByte();
        reader.ReadByte();
        // Every size the file claims is checked against the file's length before anything that size is allocated.
        long headerLength = major == 1 ? reader.ReadUInt16()
            : major is 2 or 3 ? (stream.Length >= 12 ? reader.ReadUInt32() : throw new InvalidInputException(path, "truncated .npy header"))
            : throw new InvalidInputException(path, $"unsupported .npy version {major}");
        if (headerLength > stream.Length - stream.Position)
            throw new InvalidInputException(path, $"the header length is {headerLength:N0} bytes, but only {stream.Length - stream.Position:N0} bytes follow it");
        var header = Encoding.Latin1.GetString(reader.ReadBytes((int)headerLength));

        var descr = DescrPattern().Match(header);
        var order = FortranPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !order.Success || !shape.Success) throw new InvalidInputException(path, $"unreadable .npy header: {header.Trim()}");
        if (order.Groups[1].Value == "True") throw new InvalidInputException(path, "Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
        var shapeText = $"({shape.Groups[1].Value})";
        var fields = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var dims = new long[fields.Length];
        for (int d = 0; d < fields.Length; d++)
            if (!long.TryParse(fields[d], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out dims[d]))
                throw new InvalidInputException(path, $"shape {shapeText}: '{fields[d]}' is not a non-negative integer");
        if (dims.Length != 2) throw new InvalidInputException(path, $"expected a 2-D array (items x features), got shape {shapeText}");
        if (dims[0] == 0 || dims[1] == 0) throw new InvalidInputException(path, "the array is empty");

        string type = descr.Groups[1].Value;
        bool bigEndian = type[0] == '>';
        int size = (char.IsLetter(type[0]) ? type : type[1..]) switch { "f4" => 4, "f8" => 8, _ => throw new InvalidInputException(path, $"dtype '{type}' is not float32 or float64") };
        long available = stream.Length - stream.Position;
        if (dims[0] > available / size / dims[1])
            throw new InvalidInputException(path, $"truncated: the header claims shape {shapeText} of {size}-byte values, but only {available:N0} data bytes follow it");
        long count = dims[0] * dims[1];
        if (count * size > Array.MaxLength || dims[0] > int.MaxValue)
            throw new InvalidInputException(path, $"shape {shapeText} is too large to load ({count:N0} values)");
        var bytes = reader.ReadBytes((int)(count * size));
        var data = new float[count];
        for (long i = 0; i < count; i++)
        {
            var span = bytes.AsSpan((int)(i * size), size);
            double v = size == 4
                ? (bigEndian ? BinaryPrimitives.ReadSingleBigEndian(span) : BinaryPrimitives.ReadSingleLittleEndian(span))
                : (bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(span) : BinaryPrimitives.ReadDoubleLittleEndian(span));
            if (!double.IsFinite(v)) throw new InvalidInputException(path, $"row {i / dims[1] + 1}, column {i % dims[1] + 1} is {v} (features must be finite)");
            data[i] = (float)v;
        }
        return new FeatureMatrix((int)dims[0], (int)dims[1], data);
    }

    /// <summary>Writes a little-endian float32 array, format version 1.0.</summary>
    public static void Write(string path, FeatureMatrix features) =>
        AtomicFile.Write(path, stream =>
        {
            var dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({features.Rows}, {features.Dimension}), }}";
            int unpadded = Magic.Length + 4 + dict.Length + 1;
            var header = dict + new string(' ', (64 - unpadded % 64) % 64) + "\n";
            stream.Write(Magic);
            stream.Write([1, 0]);
            Span<byte> len = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length);
            stream.Write(len);
            stream.Write(Encoding.Latin1.GetBytes(header));
            var buffer = new byte[features.Data.Length * 4];
            for (int i = 0; i < features.Data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * 4), features.Data[i]);
            stream.Write(buffer);
        });

    [GeneratedRegex(@"'descr'\s*:\s*'([<>|=]?[a-z]\d+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
