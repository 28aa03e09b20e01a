using FgCrossNet.Evaluation;
using Plotly.NET;
using static FgCrossNet.Figures.FSharpOptions;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace FgCrossNet.Figures;

/// <summary>
/// MAP per retrieval task as grouped bars, one group per task in the given order: one series per method (e.g. this
/// run, and the paper's published numbers via <see cref="PublishedMap"/>), with the confidence interval of each score as
/// an asymmetric whisker when it has one.
/// </summary>
public static class MapBarChart
{
    /// <summary>Bars of <paramref name="ours"/>, with the paper's published scores of the same tasks beside them when <paramref name="withPublished"/>.</summary>
    public static GenericChart Create(IReadOnlyList<TaskMapScore> ours, string name = "ours", bool withPublished = false, FigureStyle? style = null, string? title = null)
    {
        var series = new List<MapSeries> { new(name, ours) };
        if (withPublished) series.Add(MapSeries.Published(ours));
        return Create(series, style, title);
    }

    /// <summary>Grouped bars of several series over the tasks of the first.</summary>
    public static GenericChart Create(IReadOnlyList<MapSeries> series, FigureStyle? style = null, string? title = null)
    {
        if (series.Count == 0 || series[0].Scores.Count == 0) throw new ArgumentException("At least one series with scores is needed.", nameof(series));
        var tasks = series[0].Scores.Select(s => s.Task.Name).ToArray();
        double top = series.SelectMany(s => s.Scores).Max(x => x.Interval?.High ?? x.Map);
        var traces = new List<GenericChart>();
        foreach (var s in series)
        {
            var byTask = s.Scores.ToDictionary(x => x.Task.Name);
            var values = tasks.Select(t => byTask.TryGetValue(t, out var v) ? v.Map : double.NaN).ToArray();
            var bar = CSharpChart.Column<double, string, string>(values, Keys: tasks, Name: s.Name);
            if (s.Scores.Any(x => x.Interval is not null))
            {
                var plus = tasks.Select(t => byTask.TryGetValue(t, out var v) && v.Interval is { } ci ? ci.High - v.Map : 0).ToArray();
                var minus = tasks.Select(t => byTask.TryGetValue(t, out var v) && v.Interval is { } ci ? v.Map - ci.Low : 0).ToArray();
                bar = Chart.withYErrorStyle<double, double>(null, null, Some(false), Some<IEnumerable<double>>(plus), Some<IEnumerable<double>>(minus),
                    null, null, null, null, null, Some(Color.fromString("black")), Some(0.75), Some(2.0)).Invoke(bar);
            }
            traces.Add(bar);
        }
        var chart = CSharpChart.Combine(traces);
        var layout = new Layout();
        layout.SetProperty("barmode", "group"); // a plain string: SetProperty does not convert Plotly.NET's StyleParam unions
        layout.SetProperty("bargap", 0.25);
        chart = Chart.withLayout(layout).Invoke(chart);
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: "MAP", MinMax: Tuple.Create(0.0, Math.Min(1.0, Math.Max(0.1, top * 1.1))));
        if (title is not null) chart = Chart.withTitle(title, null).Invoke(chart);
        return (style ?? FigureStyle.Notebook).Apply(chart);
    }
}
