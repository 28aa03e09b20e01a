using FgCrossNet.Data.Loading;

namespace FgCrossNet.Inference;

/// <summary>
/// Turns text into the text entry point's input, int64 [L], with training's <see cref="CharacterTextEncoder"/> and
/// evaluation options (no random padding). A text that training would refuse (<see cref="TextFileReader.Problem"/>: an
/// empty file, say) is a problem: its input would be all padding.
/// </summary>
public sealed class TextInputEncoder(TextEncodingOptions options)
{
    private readonly CharacterTextEncoder _encoder = new(options);

    public TextEncodingOptions Options { get; } = options with { RandomLeftPadding = false };

    /// <summary>L, the encoded length.</summary>
    public int Length => _encoder.Length;

    /// <summary>Encodes <paramref name="text"/>; returns null on success, else the problem (<see cref="TextFileReader.Problem"/>, as training).</summary>
    public string? TryEncode(string text, Span<long> destination)
    {
        _encoder.Encode(text, 0, destination);
        return TextFileReader.Problem(text, Options.Lowercase);
    }

    /// <summary>Reads a text file as training does (<see cref="TextFileReader"/>, the configured line mode); problem set when unreadable.</summary>
    public (string? Text, string? Problem) TryRead(string path)
    {
        try
        {
            return (TextFileReader.Read(path, Options.LineMode), null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return (null, e is FileNotFoundException ? "file not found" : e.Message);
        }
    }
}
