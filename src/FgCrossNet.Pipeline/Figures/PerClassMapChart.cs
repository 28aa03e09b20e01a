using FgCrossNet.Core.Retrieval;
using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;
using ChartExtensions = Plotly.NET.CSharp.GenericChartExtensions;

namespace FgCrossNet.Figures;

/// <summary>
/// MAP per class of one task (<see cref="TaskScores.PerClassMap"/>: the mean AP of the class's queries) as horizontal
/// bars, best class on top, with the task's MAP as a dotted line: which fine-grained classes a task gets wrong.
/// </summary>
public static class PerClassMapChart
{
    /// <param name="scores">The task's scores.</param>
    /// <param name="classNames">Names by label (default: the labels).</param>
    /// <param name="style">Size and fonts; the default grows with the number of classes.</param>
    public static GenericChart Create(TaskScores scores, IReadOnlyList<string>? classNames = null, FigureStyle? style = null)
    {
        if (scores.PerClassMap.Count == 0) throw new ArgumentException($"{scores.Task} has no per-class scores.", nameof(scores));
        var ordered = scores.PerClassMap.OrderBy(kv => kv.Value).ToArray(); // plotly draws the first bar at the bottom
        var names = ordered.Select(kv => classNames is not null && kv.Key < classNames.Count ? classNames[kv.Key] : kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var chart = CSharpChart.Bar<double, string, string>(ordered.Select(kv => kv.Value), Keys: names, Name: $"{scores.Task.Name} per class");
        chart = ChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: $"{scores.Task.Name} MAP (dotted: all queries, {scores.Map:0.000})", MinMax: Tuple.Create(0.0, 1.0));
        var mean = new DynamicObj.DynamicObj();
        var line = new DynamicObj.DynamicObj();
        line.SetProperty("color", "black");
        line.SetProperty("dash", "dot");
        line.SetProperty("width", 1);
        foreach (var (k, v) in new (string, object)[] { ("type", "line"), ("xref", "x"), ("yref", "paper"), ("x0", scores.Map), ("x1", scores.Map), ("y0", 0), ("y1", 1), ("line", line) })
            mean.SetProperty(k, v);
        var layout = new Layout();
        layout.SetProperty("shapes", new[] { mean });
        layout.SetProperty("showlegend", false);
        chart = Chart.withLayout(layout).Invoke(chart);
        return (style ?? FigureStyle.Notebook.WithSize(720, Math.Clamp(60 + 18 * ordered.Length, 200, 2400))).Apply(chart);
    }
}
