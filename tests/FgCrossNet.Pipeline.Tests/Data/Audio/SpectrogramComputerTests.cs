using FgCrossNet.Data.Audio;

namespace FgCrossNet.Pipeline.Tests.Data.Audio;

public class SpectrogramComputerTests
{
    private const int Rate = AudioDecoder.ReferenceSampleRate;

    [Fact]
    public void A_pure_tone_peaks_at_its_bin_with_0_dB_peak_and_a_floor_of_exactly_minus_80()
    {
        using var dir = new TempFolder();
        var wav = TestSignals.WriteWav16(dir.File("tone.wav"), Rate, TestSignals.Sine(2000, 1.0, Rate));
        var samples = AudioDecoder.LoadMono(wav);
        var computer = new SpectrogramComputer();
        var db = computer.Decibels(samples);

        Assert.Equal(1025, db.GetLength(0));
        Assert.Equal(1 + Rate / 512, db.GetLength(1));
        double expectedBin = 2000.0 * 2048 / Rate; // 185.76
        for (int t = 2; t < db.GetLength(1) - 2; t++)
            Assert.InRange((double)TestSignals.PeakBin(db, t), expectedBin - 1, expectedBin + 1);
        Assert.Equal(0.0, db.Cast<double>().Max());
        Assert.Equal(-80.0, db.Cast<double>().Min());
        Assert.Equal(186, computer.BinOf(2000, Rate));
    }

    [Theory]
    [InlineData(6000)] // longer than n_fft: one reflection at each end
    [InlineData(300)]  // shorter than n_fft / 2: numpy reflects again and again
    public void Stft_magnitudes_equal_a_direct_dft_of_reflect_padded_hann_windowed_frames(int length)
    {
        var random = new Random(11);
        var signal = new float[length];
        for (int n = 0; n < length; n++)
            signal[n] = (float)(0.3 * Math.Sin(2 * Math.PI * 440 * n / Rate) + 0.2 * Math.Sin(2 * Math.PI * 3100 * n / Rate + 1) + 0.1 * (random.NextDouble() - 0.5));
        var computer = new SpectrogramComputer();
        var magnitudes = computer.Magnitudes(signal);
        int frames = 1 + length / 512;
        Assert.Equal(frames, magnitudes.GetLength(1));

        var padded = NumpyReflectPad(signal.Select(x => (double)x).ToArray(), 1024);
        var cos = new double[2048];
        var sin = new double[2048];
        for (int m = 0; m < 2048; m++) { cos[m] = Math.Cos(2 * Math.PI * m / 2048); sin[m] = Math.Sin(2 * Math.PI * m / 2048); }
        double scale = magnitudes.Cast<double>().Max();
        foreach (int t in new[] { 0, 1, frames / 2, frames - 1 }.Where(t => t < frames).Distinct())
        {
            var frame = new double[2048];
            for (int n = 0; n < 2048; n++)
            {
                double s = Math.Sin(Math.PI * n / 2048); // periodic Hann = sin^2(pi n / N)
                frame[n] = padded[t * 512 + n] * s * s;
            }
            for (int k = 0; k <= 1024; k++)
            {
                double re = 0, im = 0;
                for (int n = 0; n < 2048; n++)
                {
                    int m = k * n % 2048;
                    re += frame[n] * cos[m];
                    im -= frame[n] * sin[m];
                }
                Assert.True(Math.Abs(Math.Sqrt(re * re + im * im) - magnitudes[k, t]) <= 1e-9 * scale,
                    $"frame {t}, bin {k}: direct {Math.Sqrt(re * re + im * im)}, STFT {magnitudes[k, t]}");
            }
        }
    }

    /// <summary>numpy.pad(x, pad, mode='reflect'), built the way numpy does: reflect what is there, repeat until wide enough.</summary>
    private static double[] NumpyReflectPad(double[] x, int pad)
    {
        var current = x.ToList();
        int left = pad, right = pad;
        while (left > 0 || right > 0)
        {
            int n = current.Count;
            int takeLeft = Math.Min(left, n - 1), takeRight = Math.Min(right, n - 1);
            var before = Enumerable.Range(1, takeLeft).Select(i => current[i]).Reverse().ToList();
            var after = Enumerable.Range(1, takeRight).Select(i => current[n - 1 - i]).ToList();
            current = [.. before, .. current, .. after];
            left -= takeLeft;
            right -= takeRight;
        }
        return [.. current];
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(511, 1)]
    [InlineData(512, 2)]
    [InlineData(22050, 44)]
    public void Frame_count_is_one_plus_samples_over_hop(int samples, int expected)
    {
        var computer = new SpectrogramComputer();
        Assert.Equal(expected, computer.FrameCount(samples));
        Assert.Equal(expected, computer.Magnitudes(new float[samples]).GetLength(1));
    }

    [Fact]
    public void Amplitude_to_db_is_relative_to_the_maximum_with_amin_and_top_db()
    {
        var magnitudes = new double[,] { { 2, 0.2 }, { 0.002, 0 } };
        var db = SpectrogramComputer.AmplitudeToDecibels(magnitudes);
        Assert.Equal(0, db[0, 0], 12);
        Assert.Equal(-20, db[0, 1], 12);
        Assert.Equal(-60, db[1, 0], 12);
        Assert.Equal(-80, db[1, 1]); // 0 -> amin 1e-5 -> 20 log10(1e-5 / 2) = -106 dB, raised to the -80 floor

        var narrow = SpectrogramComputer.AmplitudeToDecibels(magnitudes, topDb: 50);
        Assert.Equal(-20, narrow[0, 1], 12);
        Assert.Equal(-50, narrow[1, 0]);

        var silence = SpectrogramComputer.AmplitudeToDecibels(new double[2, 3]);
        Assert.All(silence.Cast<double>(), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Periodic_hann_starts_at_zero_and_peaks_at_the_centre()
    {
        var w = SpectrogramComputer.PeriodicHann(8);
        Assert.Equal([0, 0.1464466094, 0.5, 0.8535533906, 1, 0.8535533906, 0.5, 0.1464466094], w.Select(v => Math.Round(v, 10)));
    }
}
