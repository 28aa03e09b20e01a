using System.Text.Json.Nodes;
using FgCrossNet.Core;
using FgCrossNet.Training;
using Plotly.NET.LayoutObjects;
using Plotly.NET;
using ChartExtensions = Plotly.NET.CSharp.GenericChartExtensions;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace FgCrossNet.Figures;

/// <summary>
/// Training curves from a run's metrics log (<see cref="TrainingMetricsLog"/>): x is the epoch over the whole run
/// (each stage continues after the one before; a dotted line marks where a stage starts).
/// </summary>
public static class TrainingCurveChart
{
    /// <summary>The unweighted mean losses per epoch (classification, center, ranking) and the weighted total.</summary>
    public static GenericChart Losses(IReadOnlyList<JsonObject> records, FigureStyle? style = null, bool logScale = true) =>
        Curves(records, [("loss_total", "total"), ("loss_classification", "classification"), ("loss_center", "center"), ("loss_ranking", "ranking")],
            "loss", logScale, style);

    /// <summary>Validation accuracy per medium, in [0, 1].</summary>
    public static GenericChart ValidationAccuracy(IReadOnlyList<JsonObject> records, FigureStyle? style = null) =>
        Curves(records, [.. Media.All.Select(m => ($"val_acc_{m.FolderName()}", m.FolderName()))], "validation accuracy", false, style);

    /// <summary>Any keys of the log as lines: (key, legend name) pairs; keys missing from every record are left out.</summary>
    public static GenericChart Curves(IReadOnlyList<JsonObject> records, IReadOnlyList<(string Key, string Name)> keys, string yTitle, bool logScale = false, FigureStyle? style = null)
    {
        var traces = new List<GenericChart>();
        foreach (var (key, name) in keys)
        {
            // A log axis cannot show 0 (e.g. the ranking loss in stage 1).
            var points = TrainingMetricsLog.Series(records, key).Where(p => !logScale || p.Value > 0).ToArray();
            if (points.Length == 0) continue;
            traces.Add(CSharpChart.Line<int, double, string>(points.Select(p => p.RunEpoch), points.Select(p => p.Value), Name: name, ShowMarkers: true));
        }
        if (traces.Count == 0) throw new ArgumentException($"The log has none of {string.Join(", ", keys.Select(k => k.Key))}.", nameof(keys));
        var chart = CSharpChart.Combine(traces);
        chart = ChartExtensions.WithXAxisStyle<int, int, string>(chart, TitleText: "epoch over the run (dotted: a new stage)");
        chart = ChartExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: yTitle, AxisType: logScale ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear);
        // Whole epochs on x; on a log y axis, labels at powers of ten only (the default labels every digit).
        var ticks = new Layout();
        var x = new LinearAxis();
        x.SetProperty("dtick", 1);
        ticks.SetProperty("xaxis", x);
        if (logScale)
        {
            var y = new LinearAxis();
            y.SetProperty("dtick", 1);
            ticks.SetProperty("yaxis", y);
        }
        chart = Chart.withLayout(ticks).Invoke(chart);
        var markers = TrainingMetricsLog.LaterStageStarts(records).Select(StageBoundary).ToArray();
        if (markers.Length > 0)
        {
            var layout = new Layout();
            layout.SetProperty("shapes", markers);
            chart = Chart.withLayout(layout).Invoke(chart);
        }
        return (style ?? FigureStyle.Notebook.WithSize(720, 320)).Apply(chart);
    }

    private static DynamicObj.DynamicObj StageBoundary(int start)
    {
        var line = new DynamicObj.DynamicObj();
        line.SetProperty("color", "grey");
        line.SetProperty("dash", "dot");
        line.SetProperty("width", 1);
        var marker = new DynamicObj.DynamicObj();
        foreach (var (k, v) in new (string, object)[] { ("type", "line"), ("xref", "x"), ("yref", "paper"), ("x0", start - 0.5), ("x1", start - 0.5), ("y0", 0), ("y1", 1), ("line", line) })
            marker.SetProperty(k, v);
        return marker;
    }
}
