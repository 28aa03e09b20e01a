using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;
using ChartExtensions = Plotly.NET.CSharp.GenericChartExtensions;

namespace FgCrossNet.Figures;

/// <summary>The audio steps as charts: a waveform over time, and a spectrogram (dB) over time and frequency.</summary>
public static class SignalCharts
{
    /// <summary>Samples against time in seconds (at most <paramref name="maxPoints"/> points, evenly subsampled).</summary>
    public static GenericChart Waveform(ReadOnlySpan<float> samples, int sampleRate, FigureStyle? style = null, int maxPoints = 4000)
    {
        int step = Math.Max(1, samples.Length / maxPoints);
        var t = new List<double>();
        var y = new List<double>();
        for (int i = 0; i < samples.Length; i += step)
        {
            t.Add((double)i / sampleRate);
            y.Add(samples[i]);
        }
        var chart = CSharpChart.Line<double, double, string>(t, y, Name: "waveform");
        chart = ChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: "time (s)");
        chart = ChartExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: "amplitude");
        return (style ?? FigureStyle.Notebook.WithSize(720, 220)).Apply(chart);
    }

    /// <summary>
    /// A spectrogram as a heatmap: <paramref name="decibels"/>[bin, frame] (as <c>SpectrogramComputer.Decibels</c> returns
    /// it), frequency in Hz upwards (bins above <paramref name="maxFrequency"/> left out), time in seconds across.
    /// </summary>
    public static GenericChart Spectrogram(double[,] decibels, int sampleRate, int fftSize, int hopLength, double maxFrequency = 8000, FigureStyle? style = null)
    {
        int bins = decibels.GetLength(0), frames = decibels.GetLength(1);
        int shown = Math.Min(bins, (int)Math.Floor(maxFrequency * fftSize / sampleRate) + 1);
        var z = new List<double[]>(shown);
        for (int b = 0; b < shown; b++)
        {
            var row = new double[frames];
            for (int f = 0; f < frames; f++) row[f] = decibels[b, f];
            z.Add(row);
        }
        var time = Enumerable.Range(0, frames).Select(f => (double)f * hopLength / sampleRate).ToArray();
        var frequency = Enumerable.Range(0, shown).Select(b => (double)b * sampleRate / fftSize).ToArray();
        var chart = CSharpChart.Heatmap<double, double, double, string>(z, X: time, Y: frequency, ColorScale: StyleParam.Colorscale.Viridis, Name: "dB");
        chart = ChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: "time (s)");
        chart = ChartExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: "frequency (Hz)");
        return (style ?? FigureStyle.Notebook.WithSize(720, 300)).Apply(chart);
    }
}
