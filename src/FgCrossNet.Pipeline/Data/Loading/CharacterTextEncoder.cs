namespace FgCrossNet.Data.Loading;

/// <summary>
/// The reference implementation's character encoding of text. Vocabulary (69 characters, the first a space):
/// <c>" abcdefghijklmnopqrstuvwxyz0123456789,;.!?:'"/\|_@#$%^&amp;*~`+-=&lt;&gt;()[]{}"</c>; character k of it (0-based)
/// encodes as k + 1, so a space is 1, 'a' 2, 'z' 27, '0' 28, '}' 69, and 0 is padding. Characters outside the vocabulary
/// (upper-case letters unless lower-cased, tabs, newlines, non-ASCII) are dropped. The result has a fixed length:
/// optional zeros in front (training augmentation), the indices, truncation to the length, zeros at the end. Pure and
/// thread-safe; the ONNX inference path uses the same class.
/// </summary>
public sealed class CharacterTextEncoder
{
    /// <summary>The vocabulary in index order (index = position + 1). The leading space is part of it, as in the reference.</summary>
    public const string Vocabulary = " abcdefghijklmnopqrstuvwxyz0123456789,;.!?:'\"/\\|_@#$%^&*~`+-=<>()[]{}";

    /// <summary>The padding index.</summary>
    public const long Padding = 0;

    private static readonly sbyte[] IndexOfAscii = BuildIndex();

    public CharacterTextEncoder(int length = 448, bool lowercase = false)
    {
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), "length must be positive");
        Length = length;
        Lowercase = lowercase;
    }

    public CharacterTextEncoder(TextEncodingOptions options) : this(options.Length, options.Lowercase) { }

    /// <summary>Encoded length L.</summary>
    public int Length { get; }

    /// <summary>Whether text is lower-cased (invariant culture) before encoding.</summary>
    public bool Lowercase { get; }

    /// <summary>The index of a character (1..69), or 0 when it is not in the vocabulary.</summary>
    public static int IndexOf(char c) => c < 128 ? IndexOfAscii[c] : 0;

    /// <summary>Encodes <paramref name="text"/> to exactly <see cref="Length"/> indices, zero-padded at the end.</summary>
    public long[] Encode(string text) => Encode(text, 0);

    /// <summary>Encodes with <paramref name="leftPadding"/> zeros in front (then truncated to <see cref="Length"/>).</summary>
    public long[] Encode(string text, int leftPadding)
    {
        var result = new long[Length];
        Encode(text, leftPadding, result);
        return result;
    }

    /// <summary>Writes the encoding into <paramref name="destination"/> (length <see cref="Length"/>).</summary>
    public void Encode(string text, int leftPadding, Span<long> destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (destination.Length != Length) throw new ArgumentException($"destination holds {destination.Length} values, expected {Length}", nameof(destination));
        if (leftPadding < 0) throw new ArgumentOutOfRangeException(nameof(leftPadding), "padding cannot be negative");
        destination.Clear();
        int position = leftPadding;
        foreach (var raw in text)
        {
            if (position >= Length) break;
            char c = Lowercase ? char.ToLowerInvariant(raw) : raw;
            int index = IndexOf(c);
            if (index != 0) destination[position++] = index;
        }
    }

    private static sbyte[] BuildIndex()
    {
        var index = new sbyte[128];
        for (int i = 0; i < Vocabulary.Length; i++) index[Vocabulary[i]] = (sbyte)(i + 1);
        return index;
    }
}
