using FgCrossNet.Progress;
using Microsoft.Extensions.Time.Testing;

namespace FgCrossNet.Pipeline.Tests.Progress;

public class ProgressMeterTests
{
    [Fact]
    public void Reports_start_at_zero_never_go_back_and_end_once_with_the_last_loss()
    {
        var reports = new List<ProgressReport>();
        var clock = new FakeTimeProvider();
        var meter = ProgressMeter.Start(reports.Add, "stage 1 epoch 1/2", 10, "steps", clock);
        clock.Advance(TimeSpan.FromSeconds(2));
        meter.Report(4, loss: 0.5);
        meter.Report(3);           // a worker reporting late: dropped
        meter.Advance(2);          // no loss: the last one is repeated
        meter.Finish();
        meter.Advance();           // after the end: dropped
        meter.Finish(loss: 9);

        Assert.Equal([0L, 4L, 6L, 6L], reports.Select(r => r.Done));
        Assert.Equal([null, 0.5, 0.5, 0.5], reports.Select(r => r.Loss));
        Assert.Equal([false, false, false, true], reports.Select(r => r.Finished));
        Assert.All(reports, r => Assert.Equal(("stage 1 epoch 1/2", 10L, "steps"), (r.Task, r.Total!.Value, r.Unit)));
        Assert.Equal(TimeSpan.FromSeconds(2), reports[^1].Elapsed);
    }

    [Fact]
    public void Without_a_sink_nothing_is_sent_and_nothing_fails()
    {
        var meter = ProgressMeter.Start(null, "quiet", null);
        meter.Advance();
        meter.Finish();
        Assert.Throws<ArgumentOutOfRangeException>(() => ProgressMeter.Start(null, "bad", -1));
    }
}
