using FgCrossNet.Core.Retrieval;
using Plotly.NET;
using ChartExtensions = Plotly.NET.CSharp.GenericChartExtensions;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace FgCrossNet.Figures;

/// <summary>Interpolated precision-recall curves (<see cref="PrecisionRecallCurve"/>), one line per retrieval task.</summary>
public static class PrecisionRecallChart
{
    /// <summary>The 11-point curves of <paramref name="tasks"/> (default: the 12 bi-modal tasks present) of a score card.</summary>
    public static GenericChart Create(CrossMediaScoreCard card, IEnumerable<RetrievalTask>? tasks = null, FigureStyle? style = null)
    {
        var chosen = (tasks ?? card.Bimodal.Select(t => t.Task)).ToArray();
        var curves = chosen.Select(t => (t.Name, card[t].PrecisionRecall)).ToArray();
        // Twelve lines: colour by query medium, dash by gallery medium.
        var colours = chosen.Select(t => FigureStyle.Palette[(int)t.Query]).ToArray();
        var dashes = chosen.Select(t => Dashes[t.Gallery is { } g ? (int)g : 0]).ToArray();
        return Create(curves, style, colours, dashes);
    }

    private static readonly StyleParam.DrawingStyle[] Dashes =
        [StyleParam.DrawingStyle.Solid, StyleParam.DrawingStyle.Dash, StyleParam.DrawingStyle.Dot, StyleParam.DrawingStyle.DashDot];

    /// <summary>Named curves as lines with markers, recall across, precision up, both in [0, 1].</summary>
    /// <param name="curves">Named curves.</param>
    /// <param name="style">Size and fonts.</param>
    /// <param name="colours">Hex colour per curve (default: the palette in turn).</param>
    /// <param name="dashes">Line style per curve (default: solid).</param>
    public static GenericChart Create(IReadOnlyList<(string Name, PrecisionRecallCurve Curve)> curves, FigureStyle? style = null,
        IReadOnlyList<string>? colours = null, IReadOnlyList<StyleParam.DrawingStyle>? dashes = null)
    {
        if (curves.Count == 0) throw new ArgumentException("At least one curve is needed.", nameof(curves));
        var lines = curves.Select((c, i) => CSharpChart.Line<double, double, string>(c.Curve.Recall, c.Curve.Precision, Name: c.Name, ShowMarkers: true,
            LineColor: Color.fromHex(colours?[i] ?? FigureStyle.Palette[i % FigureStyle.Palette.Count]),
            MarkerColor: Color.fromHex(colours?[i] ?? FigureStyle.Palette[i % FigureStyle.Palette.Count]),
            LineDash: dashes?[i] ?? StyleParam.DrawingStyle.Solid));
        var chart = CSharpChart.Combine(lines);
        chart = ChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: "recall", MinMax: Tuple.Create(0.0, 1.0));
        chart = ChartExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: "interpolated precision", MinMax: Tuple.Create(0.0, 1.02));
        return (style ?? FigureStyle.Notebook.WithSize(720, 420)).Apply(chart);
    }
}
