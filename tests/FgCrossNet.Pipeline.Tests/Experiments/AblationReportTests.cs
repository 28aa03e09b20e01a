using FgCrossNet.Experiments;

namespace FgCrossNet.Pipeline.Tests.Experiments;

public class AblationReportTests
{
    /// <summary>A run whose every task has the same per-query APs (so each task's MAP is their mean).</summary>
    private static EvaluatedRun Run(string folder, int seed, string rankingWeight, params double[] ap)
    {
        var perQuery = EvaluatedRun.PaperTasks.ToDictionary(t => t, _ => ap);
        var map = EvaluatedRun.PaperTasks.ToDictionary(t => t, _ => ap.Average());
        map["bimodal_avg"] = ap.Average();
        map["multimodal_avg"] = ap.Average();
        var settings = new Dictionary<string, string> { ["stage2.ranking_weight"] = rankingWeight, ["model.depth"] = "18" };
        return new EvaluatedRun(folder, seed, settings, map, perQuery);
    }

    [Fact]
    public void Rows_group_seeds_with_mean_and_sample_std_and_are_labelled_by_what_differs()
    {
        var runs = new[]
        {
            Run("a0", 0, "0.1", 1.0, 0.5, 0.0, 1.0), Run("a1", 1, "0.1", 0.5, 0.5, 0.5, 0.5),
            Run("b0", 0, "0", 0.0, 0.5, 0.0, 0.5), Run("b1", 1, "0", 0.0, 0.0, 0.0, 0.0),
        };
        var report = AblationReport.Build(runs, resamples: 200);
        Assert.Equal(2, report.Rows.Count);
        var (a, b) = (report.Rows[0], report.Rows[1]);
        Assert.True(a.IsBase);
        Assert.Equal("stage2.ranking_weight=0.1", a.Label);
        Assert.Equal("stage2.ranking_weight=0", b.Label);
        // Row a: MAPs 0.625 and 0.5 -> mean 0.5625, sample std |0.625 - 0.5| / sqrt(2).
        Assert.Equal(0.5625, a.Scores["I->T"].Mean, 12);
        Assert.Equal(0.125 / Math.Sqrt(2), a.Scores["I->T"].Std!.Value, 12);
        Assert.Equal(0.125, b.Scores["V->All"].Mean, 12);
        Assert.Null(a.Scores["I->T"].Test);
        // Per-query AP averaged over seeds: a = (0.75, 0.5, 0.25, 0.75), b = (0, 0.25, 0, 0.25); mean difference -0.4375.
        Assert.Equal(-0.4375, b.Scores["I->T"].Test!.MeanDifference, 12);
        Assert.Equal(-0.4375, b.Scores["bimodal_avg"].Test!.MeanDifference, 12);
        Assert.Equal(4 * 12, b.Scores["bimodal_avg"].Test!.Queries);
        Assert.Equal(4 * 4, b.Scores["multimodal_avg"].Test!.Queries);
    }

    [Fact]
    public void Tables_mark_the_best_mean_and_write_every_format()
    {
        var report = AblationReport.Build([Run("a", 0, "0.1", 1, 1, 0, 1), Run("b", 0, "0", 0, 1, 0, 0)], resamples: 100);
        var markdown = report.ToMarkdown();
        Assert.Contains("| stage2.ranking_weight=0.1 (base) | 1 | **0.750** |", markdown);
        Assert.Contains("| stage2.ranking_weight=0 | 1 | 0.250 |", markdown);
        Assert.Contains("| I->All | T->All | A->All | V->All | Avg | p (multi-modal avg) |", markdown);

        var latex = report.ToLatex();
        foreach (var rule in new[] { "\\toprule", "\\midrule", "\\bottomrule", "\\textbf{0.750}", "stage2.ranking\\_weight=0" })
            Assert.Contains(rule, latex);

        var csv = report.ToCsv().TrimEnd('\n').Split('\n');
        Assert.Equal(1 + 2 * 18, csv.Length);
        Assert.StartsWith("row,label,is_base,seeds,score,mean,std,p_bootstrap", csv[0]);
        Assert.StartsWith("1,stage2.ranking_weight=0,false,1,I->T,0.25,,", csv[19]);
    }

    [Fact]
    public void Runs_with_the_same_settings_and_seed_are_refused()
    {
        var e = Assert.Throws<FgCrossNet.IO.InvalidInputException>(() =>
            AblationReport.Build([Run("a", 0, "0.1", 1, 0), Run("b", 0, "0.1", 1, 0)]));
        Assert.Contains("same settings and seed", e.Message);
    }
}

public class ResultsPageTests
{
    [Fact]
    public void The_page_gives_each_rows_averages_their_difference_from_the_base_its_p_value_and_the_runs_accuracy_and_time()
    {
        using var folder = new TempFolder();
        EvaluatedRun Run(string name, int seed, string lr, double ap, double imageAccuracy)
        {
            var dir = folder.File(name);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "summary.json"),
                $$$"""{"seconds": {{{100 + 2 * seed}}}, "final": {"val_acc_image": {{{imageAccuracy}}}, "val_acc_text": 0.5, "val_acc_audio": 0.25, "val_acc_video": 1}}""");
            var perQuery = EvaluatedRun.PaperTasks.ToDictionary(t => t, _ => new[] { ap, ap });
            var map = EvaluatedRun.PaperTasks.ToDictionary(t => t, _ => ap);
            map["bimodal_avg"] = ap;
            map["multimodal_avg"] = ap;
            return new EvaluatedRun(dir, seed, new Dictionary<string, string> { ["optimizer.lr"] = lr }, map, perQuery);
        }
        var report = AblationReport.Build([Run("a0", 0, "0.001", 0.2, 0.4), Run("a1", 1, "0.001", 0.4, 0.6), Run("b0", 0, "0.01", 0.5, 0.8), Run("b1", 1, "0.01", 0.7, 1.0)], resamples: 200);
        var page = folder.File("results.md");

        FgCrossNet.Figures.ResultsPage.Write(report, page, "Test results", ["docs/results.sh"], withFigure: false);

        var text = File.ReadAllText(page);
        Assert.StartsWith("# Test results", text);
        Assert.Contains("docs/results.sh", text);
        // Base: MAP 0.2 and 0.4 (mean 0.300, sample std 0.141); the other row: 0.600 ± 0.141, +0.300 above the base.
        Assert.Contains("| **optimizer.lr=0.001** (base) | 2 | 0.300 ± 0.141 |  |  | 0.300 ± 0.141 |  |  | 50.0 % | 50.0 % | 25.0 % | 100.0 % | 101 |", text);
        var other = text.Split("\n").First(l => l.StartsWith("| optimizer.lr=0.01 |", StringComparison.Ordinal));
        Assert.StartsWith("| optimizer.lr=0.01 | 2 | 0.600 ± 0.141 | +0.300 | ", other);
        Assert.EndsWith("| 90.0 % | 50.0 % | 25.0 % | 100.0 % | 101 |", other);
        Assert.Contains("## The 16 scores", text);
    }
}
