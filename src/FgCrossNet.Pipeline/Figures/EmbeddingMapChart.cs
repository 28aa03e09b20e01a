using FgCrossNet.Core;
using FgCrossNet.Core.Retrieval;
using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;
using ChartExtensions = Plotly.NET.CSharp.GenericChartExtensions;

namespace FgCrossNet.Figures;

/// <summary>
/// A 2-D map of the common feature space: all media's items projected together onto their first two principal
/// components (<see cref="PrincipalComponentProjection"/>), coloured by class and shaped by medium (image ●, text ■,
/// audio ◆, video ▲). A good common space puts each class's four shapes in one cluster.
/// </summary>
public static class EmbeddingMapChart
{
    /// <summary>The marker of each medium.</summary>
    public static StyleParam.MarkerSymbol SymbolOf(Medium medium) => medium switch
    {
        Medium.Image => StyleParam.MarkerSymbol.Circle,
        Medium.Text => StyleParam.MarkerSymbol.Square,
        Medium.Audio => StyleParam.MarkerSymbol.Diamond,
        _ => StyleParam.MarkerSymbol.TriangleUp,
    };

    /// <param name="media">Features and labels per medium (e.g. test features).</param>
    /// <param name="classNames">Names by label (default: the labels).</param>
    /// <param name="maxClasses">Only the first this many labels are drawn (a map of 200 colours is unreadable).</param>
    /// <param name="style">Size and fonts.</param>
    public static GenericChart Create(IReadOnlyList<MediumFeatures> media, IReadOnlyList<string>? classNames = null, int maxClasses = 10, FigureStyle? style = null)
    {
        var items = media.SelectMany(m => Enumerable.Range(0, m.Count).Where(i => m.Labels[i] < maxClasses).Select(i => (m.Medium, Row: i, Label: m.Labels[i]))).ToArray();
        if (items.Length < 2) throw new ArgumentException("At least two items of the drawn classes are needed.", nameof(media));
        int dim = media[0].Features.Dimension;
        var data = new float[(long)items.Length * dim];
        var byMedium = media.ToDictionary(m => m.Medium);
        for (int i = 0; i < items.Length; i++)
            byMedium[items[i].Medium].Features.Row(items[i].Row).CopyTo(data.AsSpan(i * dim, dim));
        var xy = PrincipalComponentProjection.Project(new FeatureMatrix(items.Length, dim, data), 2);

        var traces = new List<GenericChart>();
        foreach (var group in Enumerable.Range(0, items.Length).GroupBy(i => items[i].Label).OrderBy(g => g.Key))
        {
            var idx = group.ToArray();
            var name = classNames is not null && group.Key < classNames.Count ? classNames[group.Key] : $"class {group.Key}";
            traces.Add(CSharpChart.Point<double, double, string>(idx.Select(i => xy[i, 0]), idx.Select(i => xy[i, 1]), Name: name,
                MultiText: idx.Select(i => $"{name} ({items[i].Medium.FolderName()} #{items[i].Row})").ToArray(),
                MultiMarkerSymbol: idx.Select(i => SymbolOf(items[i].Medium)).ToArray()));
        }
        var chart = CSharpChart.Combine(traces);
        chart = ChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: "PC 1");
        chart = ChartExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: "PC 2 (● image ■ text ◆ audio ▲ video)");
        return (style ?? FigureStyle.Notebook.WithSize(720, 520)).Apply(chart);
    }
}
