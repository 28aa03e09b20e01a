using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using FgCrossNet.IO;

namespace FgCrossNet.Inference;

/// <summary>
/// Streams one medium's extracted features to disk with bounded memory: rows go to a temporary binary file as they
/// come; <see cref="Complete"/> then writes, each atomically, <c>features_te.npy</c> (float32 [rows, C]),
/// <c>features_te.txt</c> (the reference's format, <see cref="FeatureTextFile"/>), <c>testlabel.txt</c> and
/// <c>items.txt</c> (the item of each row, relative to the dataset root), all in the same row order. Disposing
/// without completing leaves no output and no temporary file; the temporary files of a killed writer are named as
/// <see cref="AtomicFile.TemporaryPath"/> names them, so the next run removes them.
/// </summary>
public sealed class MediumFeatureWriter : IDisposable
{
    /// <summary>One line per row: the row's item (a file, or a video's folder) relative to the dataset root.</summary>
    public const string ItemsFileName = "items.txt";

    private readonly string _folder;
    private readonly int _dimension;
    private readonly string _rowsPath;
    private readonly FileStream _rows;
    private readonly List<int> _labels = [];
    private readonly List<string> _items = [];
    private readonly byte[] _rowBytes;

    public MediumFeatureWriter(string folder, int dimension)
    {
        _folder = Path.GetFullPath(folder);
        _dimension = dimension;
        Directory.CreateDirectory(_folder);
        _rowsPath = AtomicFile.TemporaryPath(Path.Combine(_folder, "rows"));
        _rows = new FileStream(_rowsPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        _rowBytes = new byte[dimension * 4];
    }

    public int Rows => _labels.Count;

    /// <summary>Values per row.</summary>
    public int Dimension => _dimension;

    public void Append(ReadOnlySpan<float> features, int label, string item)
    {
        if (features.Length != _dimension) throw new ArgumentException($"expected {_dimension} values, got {features.Length}", nameof(features));
        for (int k = 0; k < _dimension; k++) BinaryPrimitives.WriteSingleLittleEndian(_rowBytes.AsSpan(k * 4), features[k]);
        _rows.Write(_rowBytes);
        _labels.Add(label);
        _items.Add(item);
    }

    /// <summary>Writes the four files (with no rows, as for an extraction shard that read nothing: shape (0, C) and empty text files).</summary>
    public void Complete()
    {
        _rows.Flush();
        AtomicFile.Write(Path.Combine(_folder, FeatureFolder.NpyFileName), WriteNpy);
        AtomicFile.Write(Path.Combine(_folder, FeatureFolder.TextFileName), WriteText);
        LabelFile.Write(Path.Combine(_folder, FeatureFolder.LabelFileName), _labels);
        AtomicFile.WriteAllText(Path.Combine(_folder, ItemsFileName), string.Concat(_items.Select(i => i + "\n")));
    }

    private void WriteNpy(Stream stream)
    {
        var dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({Rows}, {_dimension}), }}";
        int unpadded = 6 + 4 + dict.Length + 1;
        var header = dict + new string(' ', (64 - unpadded % 64) % 64) + "\n";
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.Latin1.GetBytes(header));
        _rows.Position = 0;
        _rows.CopyTo(stream);
    }

    private void WriteText(Stream stream)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        _rows.Position = 0;
        for (int row = 0; row < Rows; row++)
        {
            _rows.ReadExactly(_rowBytes);
            for (int k = 0; k < _dimension; k++)
            {
                if (k > 0) writer.Write(' ');
                writer.Write(BinaryPrimitives.ReadSingleLittleEndian(_rowBytes.AsSpan(k * 4)).ToString("R", CultureInfo.InvariantCulture));
            }
            writer.Write('\n');
        }
    }

    public void Dispose() => _rows.Dispose();
}
