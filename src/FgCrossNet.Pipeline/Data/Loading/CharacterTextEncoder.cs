namespace FgCrossNet.Data.Loading;

/// <summary>
/// The reference implementation's character encoding of text, over a <see cref="TextVocabulary"/> (default: the
/// reference's 68 characters, no space). Character k (0-based) of the vocabulary encodes as k + 1, and 0 is padding;
/// characters outside it (upper-case letters unless lower-cased, spaces in the reference vocabulary, tabs, newlines,
/// non-ASCII) are dropped. The result has a fixed length: optional zeros in front (training augmentation), the
/// indices, truncation to the length, zeros at the end. Pure and thread-safe; the ONNX inference path uses the same class.
/// </summary>
public sealed class CharacterTextEncoder
{
    /// <summary>The reference's vocabulary in index order (index = position + 1): 68 characters, no space.</summary>
    public const string ReferenceCharacters = "abcdefghijklmnopqrstuvwxyz0123456789,;.!?:'\"/\\|_@#$%^&*~`+-=<>()[]{}";

    /// <summary>The padding index.</summary>
    public const long Padding = 0;

    private static readonly sbyte[] ReferenceIndex = BuildIndex(Characters(TextVocabulary.Reference));
    private static readonly sbyte[] WithSpaceIndex = BuildIndex(Characters(TextVocabulary.ReferenceWithSpace));

    private readonly sbyte[] _indexOfAscii;

    public CharacterTextEncoder(int length = 448, bool lowercase = false, TextVocabulary vocabulary = TextVocabulary.Reference)
    {
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), "length must be positive");
        Length = length;
        Lowercase = lowercase;
        Vocabulary = vocabulary;
        _indexOfAscii = vocabulary switch
        {
            TextVocabulary.Reference => ReferenceIndex,
            TextVocabulary.ReferenceWithSpace => WithSpaceIndex,
            _ => throw new ArgumentOutOfRangeException(nameof(vocabulary), vocabulary, "unknown vocabulary"),
        };
    }

    public CharacterTextEncoder(TextEncodingOptions options) : this(options.Length, options.Lowercase, options.Vocabulary) { }

    /// <summary>The characters of <paramref name="vocabulary"/> in index order (index = position + 1).</summary>
    public static string Characters(TextVocabulary vocabulary) => vocabulary switch
    {
        TextVocabulary.Reference => ReferenceCharacters,
        TextVocabulary.ReferenceWithSpace => " " + ReferenceCharacters,
        _ => throw new ArgumentOutOfRangeException(nameof(vocabulary), vocabulary, "unknown vocabulary"),
    };

    /// <summary>The vocabulary whose characters are exactly <paramref name="characters"/>, if any.</summary>
    public static TextVocabulary? FromCharacters(string characters) =>
        Enum.GetValues<TextVocabulary>().Select(v => (TextVocabulary?)v).FirstOrDefault(v => Characters(v!.Value) == characters);

    public TextVocabulary Vocabulary { get; }

    /// <summary>Encoded length L.</summary>
    public int Length { get; }

    /// <summary>Whether text is lower-cased (invariant culture) before encoding.</summary>
    public bool Lowercase { get; }

    /// <summary>The index of a character (1..68, or 1..69 with the space), or 0 when it is not in the vocabulary.</summary>
    public int IndexOf(char c) => c < 128 ? _indexOfAscii[c] : 0;

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

    private static sbyte[] BuildIndex(string characters)
    {
        var index = new sbyte[128];
        for (int i = 0; i < characters.Length; i++) index[characters[i]] = (sbyte)(i + 1);
        return index;
    }
}
