using FgCrossNet.Model;

namespace FgCrossNet.Pipeline.Tests.Model;

/// <summary>The scanner finds every global a pickle names and where it ends, on hand-written pickles (opcodes as in Python's pickletools).</summary>
public sealed class PickleScannerTests
{
    private static PickleScan Scan(params byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return PickleScanner.Scan(stream);
    }

    private static byte[] Concat(params object[] parts) =>
        parts.SelectMany(p => p switch
        {
            byte b => [b],
            int i => [(byte)i],
            string s => System.Text.Encoding.ASCII.GetBytes(s),
            byte[] a => a,
            _ => throw new ArgumentException(p.ToString()),
        }).ToArray();

    [Fact]
    public void Globals_by_name_and_from_string_constants_are_found_and_the_scan_stops_at_STOP()
    {
        // PROTO 2; GLOBAL 'collections OrderedDict'; EMPTY_TUPLE; REDUCE; STOP; then the next pickle's first byte.
        var protocol2 = Concat(0x80, 2, "ccollections\nOrderedDict\n", ")R.", 0x80);
        var scan = Scan(protocol2);
        Assert.Equal(["collections.OrderedDict"], scan.Globals);
        Assert.Equal(protocol2.Length - 1, scan.Length);

        // PROTO 4; FRAME n; SHORT_BINUNICODE 'posix'; MEMOIZE; SHORT_BINUNICODE 'system'; MEMOIZE; STACK_GLOBAL; MEMOIZE;
        // then the same strings fetched from the memo (BINGET 0, BINGET 1) for a second STACK_GLOBAL; STOP.
        var protocol4 = Concat(0x80, 4, 0x95, new byte[8], 0x8c, 5, "posix", 0x94, 0x8c, 6, "system", 0x94, 0x93, 0x94,
            (byte)'h', 0, (byte)'h', 1, 0x93, ".");
        Assert.Equal(["posix.system", "posix.system"], Scan(protocol4).Globals);

        // INST 'os system' calls as it names.
        Assert.Equal(["os.system"], Scan(Concat("(S'ls'\nios\nsystem\n.")).Globals);
    }

    [Fact]
    public void A_global_named_by_computed_values_or_the_extension_registry_is_refused()
    {
        // EMPTY_LIST; SHORT_BINUNICODE 'system'; STACK_GLOBAL: the module would be a list built at load time.
        var computed = Assert.Throws<InvalidDataException>(() => Scan(Concat(0x80, 4, (byte)']', 0x8c, 6, "system", 0x93, ".")));
        Assert.Contains("STACK_GLOBAL", computed.Message);
        // A string popped off the stack in between does not count: 'a', 'posix', POP, 'system'.
        Assert.Throws<InvalidDataException>(() => Scan(Concat(0x80, 4, 0x8c, 1, "a", 0x8c, 5, "posix", (byte)'0', 0x8c, 6, "system", 0x93, ".")));
        // EXT1 1.
        Assert.Contains("extension registry", Assert.Throws<InvalidDataException>(() => Scan(Concat(0x80, 2, 0x82, 1, "."))).Message);
    }

    [Fact]
    public void Malformed_pickles_are_errors()
    {
        Assert.Contains("unknown pickle opcode 0xff", Assert.Throws<InvalidDataException>(() => Scan(Concat(0x80, 2, 0xff, "."))).Message);
        Assert.Throws<EndOfStreamException>(() => Scan(Concat(0x80, 2, "K")));                 // BININT1 without its byte
        Assert.Throws<EndOfStreamException>(() => Scan(Concat(0x80, 2, "X", 200, 0, 0, 0, "ab."))); // BINUNICODE longer than the data
        Assert.Throws<EndOfStreamException>(() => Scan(Concat(0x80, 2, "N")));                 // no STOP
    }
}
