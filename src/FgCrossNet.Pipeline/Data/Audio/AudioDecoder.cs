using FgCrossNet.IO;
using NAudio.Wave;
using NLayer;

namespace FgCrossNet.Data.Audio;

/// <summary>
/// Reads recordings into samples: WAV (PCM 8/16/24/32-bit, IEEE float 32/64-bit, plain or WAVE_FORMAT_EXTENSIBLE) with
/// NAudio, MP3 (MPEG-1/2 layer I-III) with NLayer. The format is recognised by the file's first bytes, not its name.
/// FLAC, Ogg, AIFF and MP4/AAC are recognised and refused with a clear message: no maintained managed decoder is
/// available to this project. Every failure is an <see cref="InvalidInputException"/> naming the file.
/// </summary>
public static class AudioDecoder
{
    /// <summary>The sample rate librosa loads at by default, and the reference's: 22,050 Hz.</summary>
    public const int ReferenceSampleRate = 22050;

    /// <summary>File extensions treated as recordings when scanning a folder: the supported ones and the ones refused with a reason.</summary>
    public static IReadOnlyList<string> RecordingExtensions { get; } =
        [".wav", ".wave", ".mp3", ".flac", ".ogg", ".oga", ".opus", ".aif", ".aiff", ".aifc", ".m4a", ".aac", ".mp4", ".wma"];

    /// <summary>
    /// Loads a recording the way <c>librosa.load(path)</c> does: decoded, mixed to mono (mean of the channels) and
    /// resampled to <paramref name="sampleRate"/> Hz.
    /// </summary>
    public static float[] LoadMono(string path, int sampleRate = ReferenceSampleRate)
    {
        var audio = Decode(path);
        return AudioResampler.Resample(audio.ToMono(), audio.SampleRate, sampleRate);
    }

    /// <summary>Decodes a WAV or MP3 file at its own sample rate and channel count.</summary>
    /// <exception cref="InvalidInputException">The file is missing, empty, truncated, not audio, or in an unsupported format.</exception>
    public static DecodedAudio Decode(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException(path, "file not found");
        byte[] head = new byte[12];
        int headLength;
        using (var probe = File.OpenRead(path)) headLength = probe.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (headLength == 0) throw new InvalidInputException(path, "the file is empty");
        var format = RecordingFormat.Recognise(head.AsSpan(0, headLength));
        DecodedAudio audio;
        try
        {
            audio = format switch
            {
                RecordingFormat.Kind.Wav => DecodeWav(path),
                RecordingFormat.Kind.Mp3 => DecodeMp3(path),
                RecordingFormat.Kind.Unknown => throw new InvalidInputException(path, "not a recognised audio file (expected WAV or MP3)"),
                _ => throw new InvalidInputException(path, $"{RecordingFormat.Describe(format)} is not supported: no maintained managed decoder is available; convert it to WAV first (e.g. 'ffmpeg -i in.flac out.wav' or 'sox in.flac out.wav')"),
            };
        }
        catch (Exception e) when (e is not (InvalidInputException or OutOfMemoryException))
        {
            // Third-party decoders signal corrupt input with assorted exception types (FormatException, EndOfStream,
            // IndexOutOfRange, ...); to the user they all mean the same thing: this file cannot be read.
            throw new InvalidInputException(path, $"cannot decode as {RecordingFormat.Describe(format)}: {e.Message}");
        }
        if (audio.FrameCount == 0) throw new InvalidInputException(path, "the recording holds no samples");
        return audio;
    }

    private static DecodedAudio DecodeWav(string path)
    {
        using var reader = new WaveFileReader(path);
        var format = reader.WaveFormat;
        if (format.Channels <= 0 || format.SampleRate <= 0)
            throw new InvalidInputException(path, $"WAV header declares {format.Channels} channels at {format.SampleRate} Hz");
        ISampleProvider provider = PlainFormat(format) is { } plain
            ? new RawSourceWaveStream(reader, plain).ToSampleProvider()
            : format.Encoding is WaveFormatEncoding.Pcm or WaveFormatEncoding.IeeeFloat
                ? reader.ToSampleProvider()
                : throw new InvalidInputException(path, $"WAV encoding {format.Encoding} is not supported (PCM 8/16/24/32-bit and IEEE float only)");
        int bytesPerSample = format.BitsPerSample / 8;
        long declaredSamples = reader.Length / bytesPerSample;
        var samples = ReadAll(provider.Read, declaredSamples);
        // A data size of 0xFFFFFFFF is what streaming writers leave when the length was unknown: read to the end.
        bool lengthUnknown = reader.Length == uint.MaxValue;
        if (!lengthUnknown && samples.Length < declaredSamples - format.Channels)
            throw new InvalidInputException(path, $"truncated: the header declares {declaredSamples / format.Channels} frames, the file holds {samples.Length / format.Channels}");
        int whole = samples.Length - samples.Length % format.Channels;
        return new DecodedAudio(whole == samples.Length ? samples : samples[..whole], format.SampleRate, format.Channels);
    }

    private static DecodedAudio DecodeMp3(string path)
    {
        using var mpeg = new MpegFile(path);
        if (mpeg.Channels <= 0 || mpeg.SampleRate <= 0)
            throw new InvalidInputException(path, $"MP3 stream declares {mpeg.Channels} channels at {mpeg.SampleRate} Hz");
        var samples = ReadAll(mpeg.ReadSamples, mpeg.Length > 0 ? mpeg.Length / sizeof(float) : 0);
        int whole = samples.Length - samples.Length % mpeg.Channels;
        return new DecodedAudio(whole == samples.Length ? samples : samples[..whole], mpeg.SampleRate, mpeg.Channels);
    }

    /// <summary>WAVE_FORMAT_EXTENSIBLE carrying plain PCM or float, restated as the plain format NAudio converts.</summary>
    private static WaveFormat? PlainFormat(WaveFormat format)
    {
        if (format.Encoding != WaveFormatEncoding.Extensible) return null;
        Guid subFormat;
        if (format is WaveFormatExtensible extensible) subFormat = extensible.SubFormat;
        // NAudio reads the fmt chunk as WaveFormatExtraData: valid bits (2 bytes), channel mask (4), then the sub-format GUID.
        else if (format is WaveFormatExtraData extra && format.ExtraSize >= 22) subFormat = new Guid(extra.ExtraData.AsSpan(6, 16));
        else return null;
        if (subFormat == PcmSubFormat) return new WaveFormat(format.SampleRate, format.BitsPerSample, format.Channels);
        if (subFormat == FloatSubFormat)
            return WaveFormat.CreateCustomFormat(WaveFormatEncoding.IeeeFloat, format.SampleRate, format.Channels, format.AverageBytesPerSecond, format.BlockAlign, format.BitsPerSample);
        return null;
    }

    private static readonly Guid PcmSubFormat = new("00000001-0000-0010-8000-00aa00389b71");
    private static readonly Guid FloatSubFormat = new("00000003-0000-0010-8000-00aa00389b71");

    private static float[] ReadAll(Func<float[], int, int, int> read, long expected)
    {
        // The expected count comes from a header, which may lie: trust it for sizing only up to 16 M samples.
        var all = new List<float>(expected is > 0 and <= 1 << 24 ? (int)expected : 1 << 16);
        var buffer = new float[1 << 14];
        int n;
        while ((n = read(buffer, 0, buffer.Length)) > 0) all.AddRange(buffer.AsSpan(0, n));
        return [.. all];
    }
}
