using FgCrossNet.Data.Audio;
using FgCrossNet.IO;
using NAudio.Wave;

namespace FgCrossNet.Pipeline.Tests.Data.Audio;

public class AudioDecoderTests
{
    private static readonly SpectrogramComputer Computer = new();

    private static void AssertPeakNear(float[] samples, double frequency)
    {
        var db = Computer.Decibels(samples);
        double expected = frequency * 2048 / AudioDecoder.ReferenceSampleRate;
        for (int t = 2; t < db.GetLength(1) - 2; t++)
            Assert.InRange((double)TestSignals.PeakBin(db, t), expected - 1, expected + 1);
    }

    [Fact]
    public void A_44100_Hz_stereo_recording_is_mixed_to_mono_and_resampled_keeping_the_tone_bin()
    {
        using var dir = new TempFolder();
        var left = TestSignals.Sine(2000, 1.0, 44100, amplitude: 0.6);
        var right = TestSignals.Sine(2000, 1.0, 44100, amplitude: 0.2);
        var wav = TestSignals.WriteWav16(dir.File("stereo.wav"), 44100, left, right);

        var decoded = AudioDecoder.Decode(wav);
        Assert.Equal((44100, 2, 44100), (decoded.SampleRate, decoded.Channels, decoded.FrameCount));

        var mono = AudioDecoder.LoadMono(wav);
        Assert.InRange(mono.Length, 22049, 22050);
        AssertPeakNear(mono, 2000);
        // The mean of the channels is a sine of amplitude 0.4: RMS 0.4 / sqrt(2), away from the resampler's edges.
        double rms = Math.Sqrt(mono.Skip(2000).Take(18000).Select(x => (double)x * x).Average());
        Assert.Equal(0.4 / Math.Sqrt(2), rms, 2);
    }

    [Fact]
    public void Stereo_channels_with_different_tones_both_survive_the_mix()
    {
        using var dir = new TempFolder();
        var wav = TestSignals.WriteWav16(dir.File("two.wav"), 22050, TestSignals.Sine(1000, 1.0, 22050), TestSignals.Sine(5000, 1.0, 22050));
        var db = Computer.Decibels(AudioDecoder.LoadMono(wav));
        int t = db.GetLength(1) / 2;
        // Equal tones: both near the 0 dB peak (5 kHz falls between bins 464 and 465, which costs up to 1.4 dB of scalloping).
        double low = Enumerable.Range(92, 3).Max(k => db[k, t]), high = Enumerable.Range(463, 4).Max(k => db[k, t]);
        Assert.True(low > -1.5 && high > -1.5, $"1 kHz peak {low} dB, 5 kHz peak {high} dB");
    }

    [Theory]
    [InlineData("pcm8")]
    [InlineData("pcm24")]
    [InlineData("pcm32")]
    [InlineData("float32")]
    [InlineData("extensible16")]
    public void Wav_encodings_decode_to_the_same_samples(string encoding)
    {
        using var dir = new TempFolder();
        var tone = TestSignals.Sine(1500, 0.25, 16000, amplitude: 0.5);
        WaveFormat format = encoding switch
        {
            "pcm8" => new WaveFormat(16000, 8, 1),
            "pcm24" => new WaveFormat(16000, 24, 1),
            "pcm32" => new WaveFormat(16000, 32, 1),
            "float32" => WaveFormat.CreateIeeeFloatWaveFormat(16000, 1),
            _ => new WaveFormatExtensible(16000, 16, 1),
        };
        var wav = TestSignals.WriteWav(dir.File($"{encoding}.wav"), format, tone);
        var decoded = AudioDecoder.Decode(wav);
        Assert.Equal((16000, 1, tone.Length), (decoded.SampleRate, decoded.Channels, decoded.FrameCount));
        double tolerance = encoding == "pcm8" ? 1.0 / 64 : 1e-4;
        for (int n = 0; n < tone.Length; n++) Assert.True(Math.Abs(decoded.Interleaved[n] - tone[n]) <= tolerance, $"sample {n}: {decoded.Interleaved[n]} vs {tone[n]}");
    }

    [Fact]
    public void An_mp3_decodes_to_its_tone()
    {
        using var dir = new TempFolder();
        var mp3 = dir.File("tone.mp3");
        File.WriteAllBytes(mp3, Mp3ToneFixture.Bytes);
        var decoded = AudioDecoder.Decode(mp3);
        Assert.Equal((22050, 1), (decoded.SampleRate, decoded.Channels));
        Assert.InRange(decoded.Seconds, 0.45, 0.65); // encoder delay and padding add a few frames
        AssertPeakNear(AudioDecoder.LoadMono(mp3), Mp3ToneFixture.Frequency);
    }

    [Fact]
    public void Unreadable_files_raise_a_clear_input_error_naming_the_file()
    {
        using var dir = new TempFolder();
        var empty = dir.File("empty.wav");
        File.WriteAllBytes(empty, []);
        var garbage = dir.File("garbage.wav");
        File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 4000).Select(i => (byte)(i * 37 % 251))]);
        var headerOnly = TestSignals.WriteWav16(dir.File("header-only.wav"), 22050, Array.Empty<float>());
        var full = TestSignals.WriteWav16(dir.File("full.wav"), 22050, TestSignals.Sine(1000, 1.0, 22050));
        var truncated = dir.File("truncated.wav");
        File.WriteAllBytes(truncated, File.ReadAllBytes(full)[..20000]);
        var flac = dir.File("song.flac");
        File.WriteAllBytes(flac, [.. "fLaC"u8.ToArray(), 0, 0, 0, 34, .. new byte[64]]);

        Assert.Contains("empty", Problem(empty));
        Assert.Contains("not a recognised audio file", Problem(garbage));
        Assert.Contains("no samples", Problem(headerOnly));
        Assert.Contains("truncated", Problem(truncated));
        Assert.Contains("FLAC is not supported", Problem(flac));
        Assert.Contains("not found", Problem(dir.File("missing.wav")));
    }

    private static string Problem(string path)
    {
        var e = Assert.Throws<InvalidInputException>(() => AudioDecoder.Decode(path));
        Assert.Equal(path, e.Path);
        return e.Problem;
    }
}
