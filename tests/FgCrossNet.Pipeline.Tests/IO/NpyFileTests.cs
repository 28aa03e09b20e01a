using System.Buffers.Binary;
using System.Text;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.IO;

namespace FgCrossNet.Pipeline.Tests.IO;

public class NpyFileTests
{
    /// <summary>The bytes numpy.save writes: magic, version, header length, a dict padded to 64 bytes, then the data.</summary>
    private static byte[] NumpyFile(string descr, string shape, byte[] data, bool fortran = false, byte major = 1)
    {
        var dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        int prefix = major == 1 ? 10 : 12;
        var header = dict + new string(' ', (64 - (prefix + dict.Length + 1) % 64) % 64) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.Add(major);
        bytes.Add(0);
        if (major == 1) bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        else bytes.AddRange(BitConverter.GetBytes((uint)header.Length));
        bytes.AddRange(Encoding.Latin1.GetBytes(header));
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    [Fact]
    public void Reads_little_endian_float32_as_numpy_writes_it()
    {
        using var dir = new TempFolder();
        var data = new byte[24];
        for (int i = 0; i < 6; i++) BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), i + 0.5f);
        var path = dir.File("a.npy");
        File.WriteAllBytes(path, NumpyFile("<f4", "(2, 3)", data));
        var m = NpyFile.Read(path);
        Assert.Equal((2, 3), (m.Rows, m.Dimension));
        Assert.Equal(new[] { 0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f }, m.Data);
    }

    [Fact]
    public void Reads_big_endian_float64_in_format_version_2()
    {
        using var dir = new TempFolder();
        var data = new byte[16];
        BinaryPrimitives.WriteDoubleBigEndian(data, 0.25);
        BinaryPrimitives.WriteDoubleBigEndian(data.AsSpan(8), -4);
        var path = dir.File("b.npy");
        File.WriteAllBytes(path, NumpyFile(">f8", "(1, 2)", data, major: 2));
        Assert.Equal(new[] { 0.25f, -4f }, NpyFile.Read(path).Data);
    }

    [Fact]
    public void Write_then_read_is_exact_and_header_is_aligned()
    {
        using var dir = new TempFolder();
        var m = new FeatureMatrix(3, 2, [1, 2, 3, 4, 5, float.MaxValue]);
        var path = dir.File("c.npy");
        NpyFile.Write(path, m);
        var bytes = File.ReadAllBytes(path);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Equal(m.Data, NpyFile.Read(path).Data);
    }

    [Theory]
    [InlineData("<f4", "(2, 3)", true, 24, "Fortran")]
    [InlineData("<f4", "(2, 3, 1)", false, 24, "2-D")]
    [InlineData("<i4", "(2, 3)", false, 24, "dtype")]
    [InlineData("<f4", "(2, 3)", false, 20, "truncated")]
    public void Unsupported_or_broken_arrays_are_refused(string descr, string shape, bool fortran, int dataBytes, string problem)
    {
        using var dir = new TempFolder();
        var path = dir.File("d.npy");
        File.WriteAllBytes(path, NumpyFile(descr, shape, new byte[dataBytes], fortran));
        var e = Assert.Throws<InvalidInputException>(() => NpyFile.Read(path));
        Assert.Contains(problem, e.Message);
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void NaN_values_are_refused_with_row_and_column()
    {
        using var dir = new TempFolder();
        var data = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), float.NaN);
        var path = dir.File("e.npy");
        File.WriteAllBytes(path, NumpyFile("<f4", "(1, 2)", data));
        var e = Assert.Throws<InvalidInputException>(() => NpyFile.Read(path));
        Assert.Contains("row 1, column 2", e.Message);
    }
}
