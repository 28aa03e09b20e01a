using System.Buffers.Binary;
using System.Text;

namespace FgCrossNet.Model;

/// <summary>What a pickle is made of, read without building anything: its length in bytes and the globals it names.</summary>
/// <param name="Length">Bytes from the first opcode to the <c>STOP</c> opcode, inclusive.</param>
/// <param name="Globals">Every global the pickle names (<c>GLOBAL</c>, <c>INST</c>, <c>STACK_GLOBAL</c>) as <c>module.name</c>, in order of appearance.</param>
public sealed record PickleScan(long Length, IReadOnlyList<string> Globals);

/// <summary>
/// Walks the opcodes of one pickle (protocols 0 to 5) without executing any, so that the globals a pickle would import or
/// call can be checked against an allow-list before an unpickler sees it. A global is the only way a pickle reaches code:
/// every call (<c>REDUCE</c>, <c>NEWOBJ</c>, <c>OBJ</c>, <c>INST</c>, <c>BUILD</c>) applies to an object a global made.
/// </summary>
/// <remarks>
/// <c>STACK_GLOBAL</c> takes the module and name from the stack. The scanner follows the string constants pushed
/// directly before it (or fetched from the memo), which is how every pickler writes it; a name computed any other way
/// cannot be known without executing the pickle and is refused. The copyreg extension opcodes (<c>EXT1/2/4</c>) name
/// globals through a registry outside the file and are refused too.
/// </remarks>
public static class PickleScanner
{
    /// <summary>Scans one pickle starting at the stream's position, which ends just after its <c>STOP</c>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed pickle, or a global's name cannot be known.</exception>
    /// <exception cref="EndOfStreamException">The stream ends before the <c>STOP</c> opcode.</exception>
    public static PickleScan Scan(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var start = stream.Position;
        var globals = new List<string>();
        // String constants on top of the stack, most recent last (cleared by any opcode that changes the stack otherwise),
        // and the memo's string constants: enough to follow STACK_GLOBAL's operands.
        var topStrings = new List<string?>();
        var memoStrings = new Dictionary<long, string?>();

        while (true)
        {
            long offset = stream.Position - start;
            int opcode = stream.ReadByte();
            if (opcode < 0) throw new EndOfStreamException($"the pickle ends at byte {offset} without its STOP opcode");
            string? pushedString = null;
            bool keepsStack = false;
            switch ((char)opcode)
            {
                case '.': // STOP
                    return new PickleScan(stream.Position - start, globals);
                case '(': case '0': case '1': case '2': case 'N': case 'Q': case 'R': case 'a': case 'b': case 'd': case '}':
                case 'e': case 'l': case ']': case 'o': case 's': case 't': case ')': case 'u':
                case '\x81': case '\x85': case '\x86': case '\x87': case '\x88': case '\x89':
                case '\x8f': case '\x90': case '\x91': case '\x92': case '\x97': case '\x98':
                    break; // MARK POP POP_MARK DUP NONE BINPERSID REDUCE APPEND BUILD DICT EMPTY_DICT APPENDS LIST EMPTY_LIST OBJ
                           // SETITEM TUPLE EMPTY_TUPLE SETITEMS NEWOBJ TUPLE1-3 NEWTRUE NEWFALSE EMPTY_SET ADDITEMS FROZENSET
                           // NEWOBJ_EX NEXT_BUFFER READONLY_BUFFER: no argument
                case 'F': case 'I': case 'L': case 'P': case 'S': case 'V': // FLOAT INT LONG PERSID STRING UNICODE: a text line
                    ReadLine(stream); // (escaped strings are not followed: a STACK_GLOBAL naming its global with them is refused)
                    break;
                case 'g': // GET: a decimal memo index
                    topStrings.Add(memoStrings.GetValueOrDefault(ParseIndex(ReadLine(stream))));
                    continue;
                case 'p': // PUT
                    memoStrings[ParseIndex(ReadLine(stream))] = topStrings.LastOrDefault();
                    keepsStack = true;
                    break;
                case 'c': // GLOBAL: module and name on two lines
                case 'i': // INST: the same, and it calls the class
                    var module = Encoding.UTF8.GetString(ReadLine(stream));
                    var name = Encoding.UTF8.GetString(ReadLine(stream));
                    globals.Add($"{module}.{name}");
                    break;
                case '\x93': // STACK_GLOBAL
                    if (topStrings.Count < 2 || topStrings[^1] is null || topStrings[^2] is null)
                        throw new InvalidDataException($"the global at byte {offset} (STACK_GLOBAL) takes its name from values computed while unpickling, which cannot be checked without running the pickle");
                    globals.Add($"{topStrings[^2]}.{topStrings[^1]}");
                    topStrings.Clear();
                    continue;
                case 'J': Skip(stream, 4); break; // BININT
                case 'K': Skip(stream, 1); break; // BININT1
                case 'M': Skip(stream, 2); break; // BININT2
                case 'G': Skip(stream, 8); break; // BINFLOAT
                case '\x80': Skip(stream, 1); keepsStack = true; break; // PROTO
                case '\x95': Skip(stream, 8); keepsStack = true; break; // FRAME (the opcodes that follow are read as usual)
                case 'h': // BINGET
                    topStrings.Add(memoStrings.GetValueOrDefault(ReadUnsigned(stream, 1)));
                    continue;
                case 'j': // LONG_BINGET
                    topStrings.Add(memoStrings.GetValueOrDefault(ReadUnsigned(stream, 4)));
                    continue;
                case 'q': // BINPUT
                    memoStrings[ReadUnsigned(stream, 1)] = topStrings.LastOrDefault();
                    keepsStack = true;
                    break;
                case 'r': // LONG_BINPUT
                    memoStrings[ReadUnsigned(stream, 4)] = topStrings.LastOrDefault();
                    keepsStack = true;
                    break;
                case '\x94': // MEMOIZE: the next free index
                    memoStrings[memoStrings.Count] = topStrings.LastOrDefault();
                    keepsStack = true;
                    break;
                case '\x8a': Skip(stream, ReadUnsigned(stream, 1)); break; // LONG1
                case '\x8b': Skip(stream, ReadSigned4(stream)); break; // LONG4
                case 'T': Skip(stream, ReadSigned4(stream)); break; // BINSTRING
                case 'U': Skip(stream, ReadUnsigned(stream, 1)); break; // SHORT_BINSTRING
                case 'B': Skip(stream, ReadUnsigned(stream, 4)); break; // BINBYTES
                case 'C': Skip(stream, ReadUnsigned(stream, 1)); break; // SHORT_BINBYTES
                case '\x8e': case '\x96': Skip(stream, ReadUnsigned(stream, 8)); break; // BINBYTES8 BYTEARRAY8
                case 'X': pushedString = ReadUtf8(stream, ReadUnsigned(stream, 4)); break; // BINUNICODE
                case '\x8c': pushedString = ReadUtf8(stream, ReadUnsigned(stream, 1)); break; // SHORT_BINUNICODE
                case '\x8d': pushedString = ReadUtf8(stream, ReadUnsigned(stream, 8)); break; // BINUNICODE8
                case '\x82': case '\x83': case '\x84':
                    throw new InvalidDataException($"the pickle names a global through the copyreg extension registry (EXT opcode at byte {offset}), which cannot be checked");
                default:
                    throw new InvalidDataException($"unknown pickle opcode 0x{opcode:x2} at byte {offset}");
            }
            if (pushedString is not null) topStrings.Add(pushedString);
            else if (!keepsStack) topStrings.Clear();
        }
    }

    private static byte[] ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        while (true)
        {
            int b = stream.ReadByte();
            if (b < 0) throw new EndOfStreamException("the pickle ends inside a text argument");
            if (b == '\n') return [.. bytes];
            bytes.Add((byte)b);
        }
    }

    private static long ParseIndex(byte[] line) =>
        long.TryParse(Encoding.ASCII.GetString(line), out var index) ? index : throw new InvalidDataException("a memo index that is not a number");

    // Little-endian unsigned integer of 1, 2, 4 or 8 bytes (lengths and memo indices).
    private static long ReadUnsigned(Stream stream, int size)
    {
        Span<byte> buffer = stackalloc byte[8];
        buffer.Clear();
        stream.ReadExactly(buffer[..size]);
        var value = BinaryPrimitives.ReadUInt64LittleEndian(buffer);
        return value <= long.MaxValue ? (long)value : throw new InvalidDataException($"a length of {value} bytes");
    }

    private static long ReadSigned4(Stream stream)
    {
        Span<byte> buffer = stackalloc byte[4];
        stream.ReadExactly(buffer);
        var value = BinaryPrimitives.ReadInt32LittleEndian(buffer);
        return value >= 0 ? value : throw new InvalidDataException($"a negative length {value}");
    }

    private static void Skip(Stream stream, long count)
    {
        if (count > stream.Length - stream.Position) throw new EndOfStreamException("the pickle ends inside an argument");
        stream.Seek(count, SeekOrigin.Current);
    }

    private static string ReadUtf8(Stream stream, long count)
    {
        if (count > stream.Length - stream.Position) throw new EndOfStreamException("the pickle ends inside a string");
        var bytes = new byte[count];
        stream.ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }
}
