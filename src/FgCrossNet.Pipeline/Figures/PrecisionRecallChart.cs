using FgCrossNet.Core.Retrieval;
using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;
using ChartExtensions = Plotly.NET.CSharp.GenericChartExtensions;

namespace FgCrossNet.Figures;

/// <summary>Interpolated precision-recall curves (<see cref="PrecisionRecallCurve"/>), one line per retrieval task.</summary>
public static class PrecisionRecallChart
{
    /// <summary>The curves of <paramref name="tasks"/> (default: the 12 bi-modal tasks present) from one set of rankings.</summary>
    public static GenericChart Create(CrossMediaRankings rankings, IEnumerable<RetrievalTask>? tasks = null, int levels = PrecisionRecallCurve.ElevenPoints, FigureStyle? style = null)
    {
        var chosen = (tasks ?? PaperRetrievalProtocol.BimodalTasks.Where(rankings.Tasks.ContainsKey)).ToArray();
        return Create([.. chosen.Select(t => (t.Name, PrecisionRecallCurve.Interpolated(rankings[t], levels)))], style);
    }

    /// <summary>Named curves as lines with markers, recall across, precision up, both in [0, 1].</summary>
    public static GenericChart Create(IReadOnlyList<(string Name, PrecisionRecallCurve Curve)> curves, FigureStyle? style = null)
    {
        if (curves.Count == 0) throw new ArgumentException("At least one curve is needed.", nameof(curves));
        var chart = CSharpChart.Combine(curves.Select(c => CSharpChart.Line<double, double, string>(c.Curve.Recall, c.Curve.Precision, Name: c.Name, ShowMarkers: true)));
        chart = ChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: "recall", MinMax: Tuple.Create(0.0, 1.0));
        chart = ChartExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: "interpolated precision", MinMax: Tuple.Create(0.0, 1.02));
        return (style ?? FigureStyle.Notebook.WithSize(720, 420)).Apply(chart);
    }
}
