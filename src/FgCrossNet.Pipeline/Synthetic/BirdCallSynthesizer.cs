using FgCrossNet.IO;
using NAudio.Utils;
using NAudio.Wave;

namespace FgCrossNet.Synthetic;

/// <summary>
/// Synthesises a recording of a species' call: syllables at its <see cref="SyllableRate"/>, each a tone whose pitch
/// follows its <see cref="CallContour"/> around its <see cref="CallPitch"/>, with the harmonics of its
/// <see cref="CallTimbre"/>; with per-recording and per-syllable pitch and timing jitter, background noise, a low rumble
/// and now and then another bird's chirp.
/// </summary>
public static class BirdCallSynthesizer
{
    /// <summary>Fundamental frequency of a pitch class, Hz.</summary>
    public static double PitchHz(CallPitch pitch) => pitch switch
    {
        CallPitch.VeryLow => 1400,
        CallPitch.Low => 2100,
        CallPitch.Medium => 3000,
        CallPitch.High => 4200,
        _ => 5800,
    };

    /// <summary>Syllables per second.</summary>
    public static double SyllablesPerSecond(SyllableRate rate) => rate switch
    {
        SyllableRate.Slow => 2.5,
        SyllableRate.Moderate => 5,
        SyllableRate.Fast => 9,
        _ => 16,
    };

    /// <summary>Relative pitch at position u in [0, 1] of a syllable (1 = the fundamental); sweeps span +-25 %.</summary>
    public static double ContourFactor(CallContour contour, double u) => 1 + contour switch
    {
        CallContour.Flat => 0,
        CallContour.Rising => 0.5 * (u - 0.5),
        CallContour.Falling => 0.5 * (0.5 - u),
        _ => 0.5 * (Math.Sin(Math.PI * u) - 0.5),
    };

    /// <summary>Amplitudes of harmonics 1, 2, 3, ... of a timbre.</summary>
    public static double[] Harmonics(CallTimbre timbre) => timbre switch
    {
        CallTimbre.Pure => [1, 0.05],
        CallTimbre.Rich => [1, 0.45, 0.2],
        _ => [1, 0.6, 0.5, 0.4],
    };

    /// <summary>
    /// The samples, peak at most 0.9. <paramref name="noise"/> in [0, 1] sets the signal-to-noise ratio (25 dB down to
    /// 5 dB), jitter, and the chance of a chirp from another bird.
    /// </summary>
    public static float[] Synthesize(BirdAttributes bird, Random rng, double noise, int sampleRate, double seconds)
    {
        var call = new double[(int)Math.Round(seconds * sampleRate)];
        double f0 = PitchHz(bird.Pitch) * (1 + StandardNormal.Sample(rng) * (0.02 + 0.02 * noise));
        double period = 1 / (SyllablesPerSecond(bird.Rate) * (1 + (rng.NextDouble() * 2 - 1) * 0.08));
        double duration = period * (bird.Rate == SyllableRate.Trill ? 0.7 : 0.55);
        var harmonics = Harmonics(bird.Timbre);
        for (double start = rng.NextDouble() * 0.25; start + duration < seconds; start += period)
        {
            double onset = start + (rng.NextDouble() * 2 - 1) * (0.04 + 0.12 * noise) * period;
            double syllableF0 = f0 * (1 + StandardNormal.Sample(rng) * 0.012);
            AddSyllable(call, sampleRate, Math.Max(0, onset), duration, u => syllableF0 * ContourFactor(bird.Contour, u), harmonics,
                amplitude: 0.6 + 0.4 * rng.NextDouble(), buzz: bird.Timbre == CallTimbre.Buzzy);
        }

        if (rng.NextDouble() < 0.5 * noise)
        {
            // Another bird: one short chirp at an unrelated pitch.
            double chirpF0 = 1200 + rng.NextDouble() * 5500, chirpStart = rng.NextDouble() * (seconds - 0.15);
            AddSyllable(call, sampleRate, chirpStart, 0.08 + rng.NextDouble() * 0.07, u => chirpF0 * (1 + 0.3 * (u - 0.5)), [1, 0.3], 0.5 + 0.4 * rng.NextDouble(), buzz: false);
        }

        double callRms = Math.Sqrt(call.Average(x => x * x));
        double snrDb = 25 - 20 * noise;
        double noiseRms = callRms * Math.Pow(10, -snrDb / 20);
        var samples = new float[call.Length];
        double rumble = 0;
        for (int n = 0; n < call.Length; n++)
        {
            // Leaky integration of white noise: a low-frequency rumble like wind or traffic.
            rumble = 0.995 * rumble + StandardNormal.Sample(rng) * 0.1;
            samples[n] = (float)(call[n] + noiseRms * (StandardNormal.Sample(rng) + 0.3 * rumble));
        }
        double peak = samples.Max(Math.Abs);
        float gain = peak > 0 ? (float)((0.5 + 0.4 * rng.NextDouble()) / peak) : 0;
        for (int n = 0; n < samples.Length; n++) samples[n] *= gain;
        return samples;
    }

    /// <summary>Writes samples as a 16-bit mono PCM WAV file, atomically.</summary>
    public static void WriteWav(string path, float[] samples, int sampleRate) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new WaveFileWriter(new IgnoreDisposeStream(stream), new WaveFormat(sampleRate, 16, 1));
            writer.WriteSamples(samples, 0, samples.Length);
        });

    private static void AddSyllable(double[] output, int sampleRate, double start, double duration, Func<double, double> frequency, double[] harmonics, double amplitude, bool buzz)
    {
        int first = (int)(start * sampleRate), count = (int)(duration * sampleRate);
        double phase = 0;
        for (int i = 0; i < count && first + i < output.Length; i++)
        {
            double u = (double)i / count;
            double f = frequency(u);
            phase += 2 * Math.PI * f / sampleRate;
            double envelope = Math.Sin(Math.PI * u);
            if (buzz) envelope *= 0.6 + 0.4 * Math.Sin(2 * Math.PI * 70 * i / sampleRate);
            double value = 0;
            for (int h = 0; h < harmonics.Length; h++)
                if ((h + 1) * f < sampleRate / 2.0) value += harmonics[h] * Math.Sin((h + 1) * phase);
            output[first + i] += amplitude * envelope * value;
        }
    }
}
