using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core.Statistics;
using FgCrossNet.Evaluation;
using FgCrossNet.Figures;

namespace FgCrossNet.Pipeline.Tests.Figures;

public class MapTableTests
{
    private static readonly RetrievalTask IT = new(Core.Medium.Image, Core.Medium.Text);
    private static readonly RetrievalTask TI = new(Core.Medium.Text, Core.Medium.Image);

    private static MapTable Table() => new("Bi-modal MAP", [
        new MapSeries("ours_v2 & more", [new TaskMapScore(IT, 0.25, new ConfidenceInterval(0.2, 0.3, 0.95)), new TaskMapScore(TI, 0.1)]),
        new MapSeries("paper", [new TaskMapScore(IT, 0.21), new TaskMapScore(TI, 0.255)], Average: 0.366),
    ]);

    [Fact]
    public void Markdown_has_a_column_per_task_and_the_average_with_intervals_in_brackets()
    {
        var lines = Table().ToMarkdown().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("| Bi-modal MAP | I->T | T->I | Avg |", lines[0]);
        Assert.Equal("| ours_v2 & more | 0.250 [0.200, 0.300] | 0.100 | 0.175 |", lines[2]);
        Assert.Equal("| paper | 0.210 | 0.255 | 0.366 |", lines[3]);
    }

    [Fact]
    public void Csv_holds_full_precision_values_and_empty_interval_cells_where_there_is_none()
    {
        var lines = Table().ToCsv().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("method,I->T,I->T_ci_low,I->T_ci_high,T->I,T->I_ci_low,T->I_ci_high,Avg", lines[0]);
        Assert.Equal("ours_v2 & more,0.25,0.2,0.3,0.1,,,0.175", lines[1]);
        Assert.Equal("paper,0.21,,,0.255,,,0.366", lines[2]);
    }

    [Fact]
    public void Latex_uses_booktabs_escapes_names_and_bolds_the_best_of_each_column()
    {
        var latex = Table().ToLatex(caption: "MAP on 50% of the test set", label: "tab:map");
        Assert.Contains("\\toprule", latex);
        Assert.Contains("\\midrule", latex);
        Assert.Contains("\\bottomrule", latex);
        Assert.Contains("\\begin{tabular}{lccc}", latex);
        Assert.Contains("\\caption{MAP on 50\\% of the test set}", latex);
        Assert.Contains("Bi-modal MAP & I$\\rightarrow$T & T$\\rightarrow$I & Avg \\\\", latex);
        Assert.Contains("ours\\_v2 \\& more & \\textbf{0.250} {\\scriptsize [0.200, 0.300]} & 0.100 & 0.175 \\\\", latex);
        Assert.Contains("paper & 0.210 & \\textbf{0.255} & \\textbf{0.366} \\\\", latex);
    }

    [Fact]
    public void The_published_series_of_the_paper_tasks_reports_the_paper_averages()
    {
        var ours = PaperRetrievalProtocol.BimodalTasks.Select(t => new TaskMapScore(t, 0.5)).ToArray();
        var published = MapSeries.Published(ours);
        Assert.Equal(0.366, published.ReportedAverage);
        Assert.Equal(0.210, published.Scores[0].Map);
        Assert.Equal(0.412, MapSeries.Published(PaperRetrievalProtocol.MultimodalTasks.Select(t => new TaskMapScore(t, 0.5)).ToArray()).ReportedAverage);
    }
}
