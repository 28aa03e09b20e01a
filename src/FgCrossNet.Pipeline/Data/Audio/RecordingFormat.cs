namespace FgCrossNet.Data.Audio;

/// <summary>Recognises a recording's container from its first bytes (magic numbers), independent of its file name.</summary>
internal static class RecordingFormat
{
    public enum Kind { Unknown, Wav, Mp3, Flac, Ogg, Aiff, Mp4 }

    public static Kind Recognise(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && (head[..4].SequenceEqual("RIFF"u8) || head[..4].SequenceEqual("RF64"u8)) && head[8..12].SequenceEqual("WAVE"u8)) return Kind.Wav;
        if (head.Length >= 4 && head[..4].SequenceEqual("fLaC"u8)) return Kind.Flac;
        if (head.Length >= 4 && head[..4].SequenceEqual("OggS"u8)) return Kind.Ogg;
        if (head.Length >= 12 && head[..4].SequenceEqual("FORM"u8) && (head[8..12].SequenceEqual("AIFF"u8) || head[8..12].SequenceEqual("AIFC"u8))) return Kind.Aiff;
        if (head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8)) return Kind.Mp4;
        if (head.Length >= 3 && head[..3].SequenceEqual("ID3"u8)) return Kind.Mp3;
        // MPEG audio frame sync: 11 set bits, then a version other than "reserved" and a layer other than "reserved".
        if (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x18) != 0x08 && (head[1] & 0x06) != 0) return Kind.Mp3;
        return Kind.Unknown;
    }

    public static string Describe(Kind kind) => kind switch
    {
        Kind.Wav => "WAV",
        Kind.Mp3 => "MP3",
        Kind.Flac => "FLAC",
        Kind.Ogg => "Ogg (Vorbis/Opus)",
        Kind.Aiff => "AIFF",
        Kind.Mp4 => "MP4/M4A (AAC)",
        _ => "audio",
    };
}
