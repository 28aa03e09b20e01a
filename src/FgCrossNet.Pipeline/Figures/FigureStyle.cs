using Plotly.NET;
using Plotly.NET.LayoutObjects;
using static FgCrossNet.Figures.FSharpOptions;

namespace FgCrossNet.Figures;

/// <summary>
/// Size and typography of a figure. Layout units are CSS pixels, chosen so that 1 px prints as 1 pt when the figure is
/// placed at its nominal width: a two-column paper's column is about 252 pt (3.5 in) wide, the full text width about
/// 516 pt. Export at <see cref="ExportScale"/> for print resolution (scale 4 gives about 290 dpi).
/// </summary>
/// <param name="Width">Layout width in px.</param>
/// <param name="Height">Layout height in px.</param>
/// <param name="FontSize">Base font size in px (tick labels; titles are 1 px larger).</param>
/// <param name="FontFamily">CSS font family list; the first one installed is used.</param>
/// <param name="ExportScale">Pixel ratio of static exports (PNG pixels per layout px).</param>
public sealed record FigureStyle(int Width, int Height, double FontSize, string FontFamily = "DejaVu Sans, Arial, sans-serif", double ExportScale = 4)
{
    /// <summary>One column of a two-column paper (252 x 170 pt, 8 pt text).</summary>
    public static FigureStyle SingleColumn { get; } = new(252, 170, 8);

    /// <summary>The full text width of a two-column paper (516 x 200 pt, 8 pt text).</summary>
    public static FigureStyle DoubleColumn { get; } = new(516, 200, 8);

    /// <summary>Comfortable on screen in a notebook (720 x 400 px, 12 px text, exported at scale 2).</summary>
    public static FigureStyle Notebook { get; } = new(720, 400, 12, ExportScale: 2);

    /// <summary>Colours of successive series: the Okabe-Ito palette, distinguishable with colour-blindness and in grey print.</summary>
    public static IReadOnlyList<string> Palette { get; } = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    /// <summary>This style with another size.</summary>
    public FigureStyle WithSize(int width, int height) => this with { Width = width, Height = height };

    /// <summary>Applies size, fonts, white background, light grid and tight margins to <paramref name="chart"/>.</summary>
    public GenericChart Apply(GenericChart chart)
    {
        var layout = new Layout();
        layout.SetProperty("width", Width);
        layout.SetProperty("height", Height);
        layout.SetProperty("font", Font.init(Some(StyleParam.FontFamily.NewCustom(FontFamily)), Some(FontSize), Some(Color.fromString("black"))));
        layout.SetProperty("paper_bgcolor", Color.fromString("white"));
        layout.SetProperty("plot_bgcolor", Color.fromString("white"));
        layout.SetProperty("colorway", Palette.Select(Color.fromHex).ToArray());
        // Tight margins (automargin makes room for tick labels); the legend sits in one row above the plot.
        layout.SetProperty("margin", Margin.init<double, double, double, double, double, bool>(
            Some(FontSize * 3), Some(FontSize), Some(FontSize * 3.5), Some(FontSize * 2), null, Some(true)));
        var legend = new Legend();
        legend.SetProperty("font", Font.init(null, Some(FontSize - 1), null));
        legend.SetProperty("orientation", "h");
        legend.SetProperty("x", 0);
        legend.SetProperty("xanchor", "left");
        legend.SetProperty("y", 1.02);
        legend.SetProperty("yanchor", "bottom");
        layout.SetProperty("legend", legend);
        foreach (var axis in new[] { "xaxis", "yaxis" })
        {
            var style = new LinearAxis();
            style.SetProperty("showline", true);
            style.SetProperty("linecolor", Color.fromString("black"));
            style.SetProperty("linewidth", 0.75);
            style.SetProperty("ticks", "outside");
            style.SetProperty("ticklen", Math.Round(FontSize / 3));
            style.SetProperty("gridcolor", Color.fromString("#e5e5e5"));
            style.SetProperty("zeroline", false);
            style.SetProperty("automargin", true);
            var title = new DynamicObj.DynamicObj();
            title.SetProperty("standoff", Math.Round(FontSize / 2));
            style.SetProperty("title", title);
            layout.SetProperty(axis, style);
        }
        return Chart.withLayout(layout).Invoke(chart);
    }
}
