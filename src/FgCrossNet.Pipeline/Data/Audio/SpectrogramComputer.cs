using NWaves.Transforms;

namespace FgCrossNet.Data.Audio;

/// <summary>
/// The reference's spectrogram, as librosa computes it: <c>amplitude_to_db(|stft(y)|, ref=np.max, top_db=80)</c> with
/// <c>stft</c>'s defaults of the librosa the reference used: n_fft 2048, hop 512, periodic Hann window of n_fft samples,
/// centred frames (the signal padded by n_fft/2 on both sides by reflection, <c>center=True, pad_mode='reflect'</c>).
/// Matrices are <c>[frequency bin, frame]</c>: bin k is k * sampleRate / n_fft Hz (k = 0..n_fft/2), frame t is centred
/// on sample t * hop.
/// </summary>
public sealed class SpectrogramComputer
{
    /// <summary>The reference's FFT size (samples): 2048.</summary>
    public const int ReferenceFftSize = 2048;

    /// <summary>The reference's hop between frames (samples): 512.</summary>
    public const int ReferenceHopLength = 512;

    /// <summary>The reference's dynamic range below the maximum (dB): 80.</summary>
    public const double ReferenceTopDb = 80;

    /// <summary>librosa's <c>amin</c>: amplitudes below it count as it, so silence is finite (1e-5, i.e. -100 dB re 1).</summary>
    public const double Amin = 1e-5;

    private readonly double[] window;

    /// <param name="fftSize">Window and FFT length in samples; a power of two.</param>
    /// <param name="hopLength">Samples between successive frame centres.</param>
    /// <param name="topDb">Values lower than (maximum - topDb) dB are raised to it.</param>
    public SpectrogramComputer(int fftSize = ReferenceFftSize, int hopLength = ReferenceHopLength, double topDb = ReferenceTopDb)
    {
        if (fftSize < 2 || (fftSize & (fftSize - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(fftSize), fftSize, "the FFT size must be a power of two >= 2");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hopLength);
        ArgumentOutOfRangeException.ThrowIfNegative(topDb);
        FftSize = fftSize;
        HopLength = hopLength;
        TopDb = topDb;
        window = PeriodicHann(fftSize);
    }

    public int FftSize { get; }

    public int HopLength { get; }

    public double TopDb { get; }

    /// <summary>Rows of the matrices: n_fft/2 + 1 (0 Hz to the Nyquist frequency).</summary>
    public int FrequencyBins => FftSize / 2 + 1;

    /// <summary>Columns for a signal of <paramref name="sampleCount"/> samples: 1 + sampleCount / hop (centred frames).</summary>
    public int FrameCount(int sampleCount) => 1 + sampleCount / HopLength;

    /// <summary>The bin nearest to <paramref name="frequency"/> Hz: round(f * n_fft / sampleRate).</summary>
    public int BinOf(double frequency, int sampleRate) => (int)Math.Round(frequency * FftSize / sampleRate);

    /// <summary>The dB spectrogram: <see cref="AmplitudeToDecibels"/> of <see cref="Magnitudes"/>.</summary>
    public double[,] Decibels(ReadOnlySpan<float> samples) => AmplitudeToDecibels(Magnitudes(samples), TopDb);

    /// <summary>STFT magnitudes |X[k, t]| (unnormalised DFT of the windowed frame), <c>[FrequencyBins, FrameCount]</c>.</summary>
    public double[,] Magnitudes(ReadOnlySpan<float> samples)
    {
        if (samples.Length == 0) throw new ArgumentException("the signal holds no samples", nameof(samples));
        int frames = FrameCount(samples.Length), bins = FrequencyBins, half = FftSize / 2;
        var result = new double[bins, frames];
        var fft = new RealFft64(FftSize);
        var frame = new double[FftSize];
        var re = new double[FftSize];
        var im = new double[FftSize];
        for (int t = 0; t < frames; t++)
        {
            int start = t * HopLength - half;
            for (int n = 0; n < FftSize; n++)
                frame[n] = samples[ReflectIndex(start + n, samples.Length)] * window[n];
            fft.Direct(frame, re, im);
            for (int k = 0; k < bins; k++)
                result[k, t] = Math.Sqrt(re[k] * re[k] + im[k] * im[k]);
        }
        return result;
    }

    /// <summary>
    /// librosa's <c>amplitude_to_db(S, ref=np.max, amin, top_db)</c>: 20 log10(max(amin, S)) - 20 log10(max(amin, max S)),
    /// then raised to at least (its maximum - topDb). The maximum maps to 0 dB; the floor is -topDb exactly.
    /// </summary>
    public static double[,] AmplitudeToDecibels(double[,] magnitudes, double topDb = ReferenceTopDb, double amin = Amin)
    {
        double max = 0;
        foreach (var m in magnitudes) if (m > max) max = m;
        double reference = 20 * Math.Log10(Math.Max(amin, max));
        int rows = magnitudes.GetLength(0), cols = magnitudes.GetLength(1);
        var db = new double[rows, cols];
        double top = double.NegativeInfinity;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                db[r, c] = 20 * Math.Log10(Math.Max(amin, magnitudes[r, c])) - reference;
                if (db[r, c] > top) top = db[r, c];
            }
        double floor = top - topDb;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                if (db[r, c] < floor) db[r, c] = floor;
        return db;
    }

    /// <summary>The periodic ("DFT-even") Hann window of scipy's <c>get_window('hann', N)</c>: 0.5 - 0.5 cos(2 pi n / N).</summary>
    public static double[] PeriodicHann(int length)
    {
        // NWaves' Hann window is the symmetric one (divides by N - 1); librosa's STFT uses the periodic one.
        var w = new double[length];
        for (int n = 0; n < length; n++) w[n] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * n / length);
        return w;
    }

    /// <summary>numpy's <c>pad(mode='reflect')</c> index: mirrored about the first and last samples, which are not repeated.</summary>
    internal static int ReflectIndex(int i, int length)
    {
        if (length == 1) return 0;
        int period = 2 * (length - 1);
        int m = ((i % period) + period) % period;
        return m < length ? m : period - m;
    }
}
