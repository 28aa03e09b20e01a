using FgCrossNet.Progress;
using Microsoft.Extensions.Time.Testing;

namespace FgCrossNet.Pipeline.Tests.Progress;

public class NotebookProgressDisplayTests
{
    [Fact]
    public void The_display_is_updated_at_most_four_times_a_second_and_ends_with_the_final_line()
    {
        var shown = new List<string>();
        var clock = new FakeTimeProvider();
        var display = new NotebookProgressDisplay(shown.Add, clock: clock);
        var meter = ProgressMeter.Start(display.Report, "text", 1000, clock: clock);
        for (int i = 1; i <= 1000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(5)); // 5 s in all: 20 updates at 250 ms, plus the start and the end
            meter.Advance();
        }
        meter.Finish();
        Assert.InRange(shown.Count, 20, 22);
        Assert.Equal("text: 0/1,000 items (0 %)", shown[0]);
        Assert.Equal("text: 1,000/1,000 items in 5.0 s, 200 items/s", shown[^1]);
    }

    [Fact]
    public void Running_tasks_are_shown_together_in_the_order_they_started()
    {
        var shown = new List<string>();
        var clock = new FakeTimeProvider();
        var display = new NotebookProgressDisplay(shown.Add, interval: TimeSpan.Zero, clock: clock);
        var run = ProgressMeter.Start(display.Report, "training tiny", 4, "steps", clock);
        var epoch = ProgressMeter.Start(display.Report, "stage 1 epoch 1/2", 2, "steps", clock);
        clock.Advance(TimeSpan.FromSeconds(1));
        epoch.Report(1, 0.75);
        Assert.Equal("training tiny: 0/4 steps (0 %)\nstage 1 epoch 1/2: 1/2 steps (50 %), 1.00 steps/s, ETA 1.0 s, loss 0.7500", shown[^1]);
        epoch.Finish(0.5);
        Assert.Equal("training tiny: 0/4 steps (0 %)", shown[^1]);
    }
}
