using System.Text.Json.Nodes;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core.Statistics;
using FgCrossNet.Core;
using FgCrossNet.Evaluation;
using FgCrossNet.Figures;
using FgCrossNet.Synthetic;
using FgCrossNet.Training;
using Plotly.NET;

namespace FgCrossNet.Pipeline.Tests.Figures;

/// <summary>What each chart puts in its plotly figure (the JSON that both the notebook display and the export render).</summary>
public class ChartFigureTests
{
    private static JsonObject Figure(GenericChart chart) => (JsonObject)JsonNode.Parse(GenericChart.toFigureJson(chart))!;

    private static double[] Numbers(JsonNode? array) => [.. ((JsonArray)array!).Select(v => (double)v!)];

    private static string[] Strings(JsonNode? array) => [.. ((JsonArray)array!).Select(v => (string)v!)];

    [Fact]
    public void Map_bars_carry_the_interval_as_asymmetric_whiskers_and_the_published_scores_beside_ours()
    {
        var ours = PaperRetrievalProtocol.MultimodalTasks.Select((t, i) => new TaskMapScore(t, 0.3 + 0.1 * i, new ConfidenceInterval(0.25 + 0.1 * i, 0.4 + 0.1 * i, 0.95))).ToArray();
        var style = FigureStyle.SingleColumn;
        var figure = Figure(MapBarChart.Create(ours, withPublished: true, style: style));

        var data = (JsonArray)figure["data"]!;
        Assert.Equal(2, data.Count);
        Assert.Equal(["I->All", "T->All", "A->All", "V->All"], Strings(data[0]!["x"]));
        Assert.Equal(ours.Select(s => s.Map), Numbers(data[0]!["y"]), new ToleranceComparer(1e-12));
        Assert.Equal(ours.Select(s => s.Interval!.Value.High - s.Map), Numbers(data[0]!["error_y"]!["array"]), new ToleranceComparer(1e-12));
        Assert.Equal(ours.Select(s => s.Map - s.Interval!.Value.Low), Numbers(data[0]!["error_y"]!["arrayminus"]), new ToleranceComparer(1e-12));
        Assert.Equal(PublishedMap.Label, (string)data[1]!["name"]!);
        Assert.Equal([0.549, 0.196, 0.485, 0.416], Numbers(data[1]!["y"]));
        Assert.Null(data[1]!["error_y"]);

        var layout = figure["layout"]!;
        Assert.Equal(style.Width, (int)layout["width"]!);
        Assert.Equal(style.Height, (int)layout["height"]!);
        Assert.Equal("MAP", (string)layout["yaxis"]!["title"]!["text"]!);
        Assert.True((bool)layout["yaxis"]!["showline"]!); // the style's axis settings merge with the chart's
        Assert.Equal("group", (string)layout["barmode"]!);
    }

    [Fact]
    public void Training_curves_run_over_both_stages_mark_stage_two_and_leave_zeros_off_a_log_axis()
    {
        var records = new[]
        {
            JsonNode.Parse("{\"stage\":1,\"epoch\":1,\"loss_total\":3.0,\"loss_classification\":2.9,\"loss_center\":90,\"loss_ranking\":0,\"val_acc_image\":0.3}")!.AsObject(),
            JsonNode.Parse("{\"stage\":1,\"epoch\":2,\"loss_total\":2.0,\"loss_classification\":1.9,\"loss_center\":70,\"loss_ranking\":0,\"val_acc_image\":0.5}")!.AsObject(),
            JsonNode.Parse("{\"stage\":2,\"epoch\":1,\"loss_total\":1.5,\"loss_classification\":1.2,\"loss_center\":60,\"loss_ranking\":0.8,\"val_acc_image\":0.6}")!.AsObject(),
        };
        var losses = Figure(TrainingCurveChart.Losses(records));
        var traces = ((JsonArray)losses["data"]!).ToDictionary(t => (string)t!["name"]!);
        Assert.Equal([1.0, 2, 3], Numbers(traces["total"]!["x"]));
        Assert.Equal([3.0, 2, 1.5], Numbers(traces["total"]!["y"]));
        Assert.Equal([3.0], Numbers(traces["ranking"]!["x"]));
        Assert.Equal("log", (string)losses["layout"]!["yaxis"]!["type"]!);
        var shape = losses["layout"]!["shapes"]![0]!;
        Assert.Equal(2.5, (double)shape["x0"]!);

        var accuracy = Figure(TrainingCurveChart.ValidationAccuracy(records));
        var only = Assert.Single((JsonArray)accuracy["data"]!); // media without a value are left out
        Assert.Equal("image", (string)only!["name"]!);
        Assert.Equal([0.3, 0.5, 0.6], Numbers(only["y"]));
    }

    [Fact]
    public void Precision_recall_lines_are_the_curves_of_their_tasks()
    {
        var media = SyntheticFeatureSet.Generate(SyntheticFeatureSet.ScaledCounts(0.005, 5), 5, 1);
        var rankings = CrossMediaRankings.Compute(media);
        var data = (JsonArray)Figure(PrecisionRecallChart.Create(CrossMediaScoreCard.Compute(rankings, ScoreOptions.Default)))["data"]!;
        Assert.Equal(PaperRetrievalProtocol.BimodalTasks.Select(t => t.Name), data.Select(t => (string)t!["name"]!));
        var task = PaperRetrievalProtocol.BimodalTasks[4];
        var curve = PrecisionRecallCurve.Interpolated(rankings[task]);
        Assert.Equal(curve.Recall, Numbers(data[4]!["x"]));
        Assert.Equal(curve.Precision, Numbers(data[4]!["y"]), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void The_embedding_map_draws_each_item_of_the_chosen_classes_once_shaped_by_its_medium()
    {
        var media = SyntheticFeatureSet.Generate(SyntheticFeatureSet.ScaledCounts(0.005, 6), 6, 2);
        var data = (JsonArray)Figure(EmbeddingMapChart.Create(media, maxClasses: 3))["data"]!;
        Assert.Equal(3, data.Count);
        int expected = media.Sum(m => m.Labels.Count(l => l < 3));
        Assert.Equal(expected, data.Sum(t => ((JsonArray)t!["x"]!).Count));
        var symbols = data.SelectMany(t => Strings(t!["marker"]!["symbol"])).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        // Plotly.NET writes symbols as plotly's numeric codes: 0 circle, 1 square, 2 diamond, 5 triangle-up.
        Assert.Equal(media.Single(m => m.Medium == Medium.Image).Labels.Count(l => l < 3), symbols["0"]);
        Assert.Equal(media.Single(m => m.Medium == Medium.Text).Labels.Count(l => l < 3), symbols["1"]);
        Assert.Equal(media.Single(m => m.Medium == Medium.Audio).Labels.Count(l => l < 3), symbols["2"]);
        Assert.Equal(media.Single(m => m.Medium == Medium.Video).Labels.Count(l => l < 3), symbols["5"]);
    }

    [Fact]
    public void Per_class_bars_hold_each_class_map_best_on_top()
    {
        var media = SyntheticFeatureSet.Generate(SyntheticFeatureSet.ScaledCounts(0.005, 5), 5, 3);
        var card = CrossMediaScoreCard.Compute(CrossMediaRankings.Compute(media));
        var scores = card[new RetrievalTask(Medium.Image, Medium.Text)];
        var bars = ((JsonArray)Figure(PerClassMapChart.Create(scores, ["a", "b", "c", "d", "e"]))["data"]!)[0]!;
        var values = Numbers(bars["x"]);
        var names = Strings(bars["y"]);
        Assert.Equal(values.Order(), values);
        for (int i = 0; i < names.Length; i++)
            Assert.Equal(scores.PerClassMap["abcde".IndexOf(names[i], StringComparison.Ordinal)], values[i], 12);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
