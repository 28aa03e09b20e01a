using System.Text;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// Reads the text of one FG-XMedia text file per <see cref="TextLineMode"/> (UTF-8; LF, CRLF or CR line ends), and
/// holds the one rule that training, extraction and <c>data check</c> apply to a text item (<see cref="Problem"/>).
/// </summary>
public static class TextFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads and selects the text; invalid UTF-8 or NUL bytes (a binary file) throw <see cref="InvalidDataException"/>.</summary>
    public static string Read(string path, TextLineMode mode)
    {
        string content;
        try
        {
            content = File.ReadAllText(path, StrictUtf8);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException("the file is not valid UTF-8 text");
        }
        if (content.Contains('\0')) throw new InvalidDataException("binary content (NUL bytes), not text");
        return Select(content, mode);
    }

    /// <summary>
    /// Why a selected text cannot be an item, or null when it can: a text item needs at least one of the reference's 68
    /// characters (<see cref="CharacterTextEncoder.ReferenceCharacters"/>, in every vocabulary; after lower-casing when
    /// <paramref name="lowercase"/>), else it would encode as padding (and spaces) only. "empty text" when it has only
    /// white space.
    /// </summary>
    public static string? Problem(string text, bool lowercase)
    {
        if (string.IsNullOrWhiteSpace(text.Replace('\uFEFF', ' '))) return "empty text";
        foreach (var c in text)
            if (CharacterTextEncoder.ReferenceCharacters.Contains(lowercase ? char.ToLowerInvariant(c) : c)) return null;
        return "no character of the vocabulary (the text would encode as padding only)" + (lowercase ? "" : "; capital letters count only with lower-casing");
    }

    /// <summary>Selects the text to encode from a file's content.</summary>
    public static string Select(string content, TextLineMode mode)
    {
        var lines = Lines(content);
        return mode switch
        {
            TextLineMode.LastLineOnly => lines.Count == 0 ? "" : lines[^1],
            _ => string.Join(' ', lines),
        };
    }

    /// <summary>The lines as Python iterates a text file: split at line ends, no empty line after a final line end.</summary>
    public static IReadOnlyList<string> Lines(string content)
    {
        var normalised = content.Replace("\r\n", "\n").Replace('\r', '\n');
        if (normalised.Length == 0) return [];
        var lines = normalised.Split('\n');
        return normalised.EndsWith('\n') ? lines[..^1] : lines;
    }
}
