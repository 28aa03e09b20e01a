using FgCrossNet.Progress;
using Microsoft.Extensions.Time.Testing;

namespace FgCrossNet.Pipeline.Tests.Progress;

public class PlainProgressWriterTests
{
    [Fact]
    public void A_long_task_prints_a_line_per_tenth_and_its_end()
    {
        var lines = new List<string>();
        var writer = new PlainProgressWriter(lines.Add);
        var clock = new FakeTimeProvider();
        // 100 items, one a second: the tenths come 10 s apart, more than the 5 s gap.
        var meter = ProgressMeter.Start(writer.Report, "decoding", 100, clock: clock);
        for (int i = 1; i <= 100; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            meter.Advance();
        }
        meter.Finish();
        Assert.Equal(
            [.. Enumerable.Range(1, 9).Select(t => $"decoding: {t * 10}/100 items ({t * 10} %), 1.00 items/s, ETA {ProgressLine.Duration(TimeSpan.FromSeconds(100 - t * 10))}"),
             "decoding: 100/100 items in 1:40, 1.00 items/s"],
            lines);
    }

    [Fact]
    public void A_quick_task_prints_only_its_end_and_a_jump_over_tenths_prints_one_line()
    {
        var lines = new List<string>();
        var writer = new PlainProgressWriter(lines.Add);
        var clock = new FakeTimeProvider();
        var quick = ProgressMeter.Start(writer.Report, "stage 1 epoch 1/2", 40, "steps", clock);
        for (int i = 1; i <= 40; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            quick.Report(i, loss: 1.0 / i);
        }
        quick.Finish(0.5);
        Assert.Equal(["stage 1 epoch 1/2: 40/40 steps in 4.0 s, 10.0 steps/s, loss 0.5000"], lines);

        lines.Clear();
        var jumpy = ProgressMeter.Start(writer.Report, "video", 10, "videos", clock);
        clock.Advance(TimeSpan.FromSeconds(6));
        jumpy.Report(7);
        clock.Advance(TimeSpan.FromSeconds(1));
        jumpy.Report(8); // a new tenth, but 1 s after the last line
        Assert.Equal(["video: 7/10 videos (70 %), 1.17 videos/s, ETA 2.6 s"], lines);
    }

    [Fact]
    public void An_unknown_total_prints_every_interval_while_the_count_moves()
    {
        var lines = new List<string>();
        var writer = new PlainProgressWriter(lines.Add, interval: TimeSpan.FromSeconds(30));
        var clock = new FakeTimeProvider();
        var meter = ProgressMeter.Start(writer.Report, "reading", total: null, clock: clock);
        for (int s = 1; s <= 100; s++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            if (s <= 70) meter.Advance(2);
        }
        // Lines at 30 s and 60 s; at 90 s the count had not moved since 70 s.
        Assert.Equal(["reading: 60 items, 2.00 items/s", "reading: 120 items, 2.00 items/s"], lines);
    }

    [Fact]
    public void Tasks_are_followed_apart_and_a_meter_ignores_counts_that_go_back_and_reports_after_the_end()
    {
        var lines = new List<string>();
        var writer = new PlainProgressWriter(lines.Add, minimumGap: TimeSpan.Zero);
        var clock = new FakeTimeProvider();
        var a = ProgressMeter.Start(writer.Report, "a", 10, clock: clock);
        var b = ProgressMeter.Start(writer.Report, "b", 10, clock: clock);
        clock.Advance(TimeSpan.FromSeconds(1));
        a.Report(5);
        b.Report(2);
        a.Report(3); // from a slower worker thread: ignored
        a.Finish();
        a.Report(9);
        Assert.Equal(["a: 5/10 items (50 %), 5.00 items/s, ETA 1.0 s", "b: 2/10 items (20 %), 2.00 items/s, ETA 4.0 s", "a: 5/10 items in 1.0 s, 5.00 items/s"], lines);
    }
}
