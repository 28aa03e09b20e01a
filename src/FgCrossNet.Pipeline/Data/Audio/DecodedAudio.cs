namespace FgCrossNet.Data.Audio;

/// <summary>Decoded PCM audio: samples as floats in [-1, 1], channels interleaved (frame after frame).</summary>
/// <param name="Interleaved">Samples, <see cref="Channels"/> per frame.</param>
/// <param name="SampleRate">Frames per second (Hz).</param>
/// <param name="Channels">Channels per frame (1 mono, 2 stereo, ...).</param>
public sealed record DecodedAudio(float[] Interleaved, int SampleRate, int Channels)
{
    /// <summary>Number of frames (samples per channel).</summary>
    public int FrameCount => Interleaved.Length / Channels;

    /// <summary>Duration in seconds.</summary>
    public double Seconds => (double)FrameCount / SampleRate;

    /// <summary>The mean of the channels, frame by frame (librosa's <c>to_mono</c>).</summary>
    public float[] ToMono()
    {
        if (Channels == 1) return (float[])Interleaved.Clone();
        var mono = new float[FrameCount];
        for (int f = 0; f < mono.Length; f++)
        {
            double sum = 0;
            for (int c = 0; c < Channels; c++) sum += Interleaved[f * Channels + c];
            mono[f] = (float)(sum / Channels);
        }
        return mono;
    }
}
