using NWaves.Operations;
using NWaves.Signals;

namespace FgCrossNet.Data.Audio;

/// <summary>
/// Sample-rate conversion of a mono signal with NWaves' band-limited (windowed-sinc) resampler, which low-pass filters
/// first when the rate goes down. librosa's default (soxr) differs in filter details, not in where energy lands. Going
/// down, NWaves' causal 101-tap anti-aliasing filter delays the signal by 50 input samples (1.1 ms from 44.1 kHz),
/// a twentieth of the 23 ms STFT hop.
/// </summary>
public static class AudioResampler
{
    /// <summary>The signal at <paramref name="toRate"/> Hz; the same array when the rates are equal.</summary>
    /// <param name="samples">Mono samples at <paramref name="fromRate"/> Hz.</param>
    /// <param name="fromRate">Sample rate of the input in Hz.</param>
    /// <param name="toRate">Sample rate of the output in Hz.</param>
    public static float[] Resample(float[] samples, int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        if (fromRate == toRate) return samples;
        return new Resampler().Resample(new DiscreteSignal(fromRate, samples), toRate).Samples;
    }
}
