using NAudio.Wave;

namespace FgCrossNet.Pipeline.Tests.Data.Audio;

/// <summary>Test recordings written with NAudio's own writer (independent of the decoder under test).</summary>
internal static class TestSignals
{
    public static float[] Sine(double frequency, double seconds, int sampleRate, double amplitude = 0.5, double phase = 0)
    {
        var samples = new float[(int)Math.Round(seconds * sampleRate)];
        for (int n = 0; n < samples.Length; n++) samples[n] = (float)(amplitude * Math.Sin(2 * Math.PI * frequency * n / sampleRate + phase));
        return samples;
    }

    /// <summary>Writes channels (all of one length) as a WAV file of the given format.</summary>
    public static string WriteWav(string path, WaveFormat format, params float[][] channels)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new WaveFileWriter(path, format);
        for (int n = 0; n < channels[0].Length; n++)
            foreach (var channel in channels)
            {
                // NAudio's WriteSample has no 8-bit or plain 32-bit PCM path; those are written as raw bytes.
                if (format.Encoding == WaveFormatEncoding.Pcm && format.BitsPerSample == 8) writer.WriteByte((byte)Math.Round(128 + channel[n] * 127));
                else if (format.Encoding == WaveFormatEncoding.Pcm && format.BitsPerSample == 32) writer.Write(BitConverter.GetBytes((int)Math.Round(channel[n] * (double)int.MaxValue)), 0, 4);
                else writer.WriteSample(channel[n]);
            }
        return path;
    }

    public static string WriteWav16(string path, int sampleRate, params float[][] channels) =>
        WriteWav(path, new WaveFormat(sampleRate, 16, channels.Length), channels);

    /// <summary>The index of the largest value of column <paramref name="frame"/>.</summary>
    public static int PeakBin(double[,] matrix, int frame)
    {
        int best = 0;
        for (int k = 1; k < matrix.GetLength(0); k++) if (matrix[k, frame] > matrix[best, frame]) best = k;
        return best;
    }
}
