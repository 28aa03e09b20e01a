using FgCrossNet.Training;

namespace FgCrossNet.Pipeline.Tests.Training;

public class TrainingMetricsLogTests
{
    [Fact]
    public void The_log_is_read_in_order_with_run_epochs_across_stages_and_a_torn_last_line_ignored()
    {
        using var dir = new TempFolder();
        File.WriteAllText(Path.Combine(dir.Path, RunFolder.MetricsFile),
            "{\"stage\":1,\"epoch\":1,\"loss_total\":2.5,\"ranking_positive_fraction\":null}\n" +
            "{\"stage\":1,\"epoch\":2,\"loss_total\":2.0}\n\n" +
            "{\"stage\":2,\"epoch\":1,\"loss_total\":1.5,\"ranking_positive_fraction\":0.25}\n" +
            "{\"stage\":2,\"epo");

        var records = TrainingMetricsLog.Read(dir.Path);

        Assert.Equal(3, records.Count);
        Assert.Equal([(1, 2.5), (2, 2.0), (3, 1.5)], TrainingMetricsLog.Series(records, "loss_total"));
        Assert.Equal([(3, 0.25)], TrainingMetricsLog.Series(records, "ranking_positive_fraction"));
        Assert.Equal([3], TrainingMetricsLog.LaterStageStarts(records));
        Assert.Equal(records.Count, TrainingMetricsLog.Read(Path.Combine(dir.Path, RunFolder.MetricsFile)).Count);
    }

    [Fact]
    public void Every_stage_after_the_first_one_logged_marks_where_it_starts()
    {
        static System.Text.Json.Nodes.JsonObject Epoch(int stage) => new() { ["stage"] = stage, ["epoch"] = 1 };
        Assert.Equal([3, 6], TrainingMetricsLog.LaterStageStarts([Epoch(0), Epoch(0), Epoch(1), Epoch(1), Epoch(1), Epoch(2)]));
        Assert.Empty(TrainingMetricsLog.LaterStageStarts([Epoch(1), Epoch(1)]));
        Assert.Empty(TrainingMetricsLog.LaterStageStarts([]));
    }

    [Fact]
    public void A_folder_without_a_log_is_an_error_naming_the_file()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<FgCrossNet.IO.InvalidInputException>(() => TrainingMetricsLog.Read(dir.Path));
        Assert.Contains(RunFolder.MetricsFile, e.Message);
    }
}
