using FgCrossNet.Progress;

namespace FgCrossNet.Pipeline.Tests.Progress;

public class ProgressLineTests
{
    private static ProgressReport At(long done, long? total, double seconds, double? loss = null, bool finished = false, string unit = "items") =>
        new("image", done, total, unit, TimeSpan.FromSeconds(seconds), loss, finished);

    [Fact]
    public void A_running_task_shows_count_percentage_rate_and_eta()
    {
        // 120 of 1200 in 3.4 s: 35.29 items/s; 1080 left take 30.6 s.
        Assert.Equal("image: 120/1,200 items (10 %), 35.3 items/s, ETA 31 s", ProgressLine.Format(At(120, 1200, 3.4)));
        Assert.Equal("image: 0/1,200 items (0 %)", ProgressLine.Format(At(0, 1200, 0)));
        // 1199 of 1200 is 99 %, not a rounded-up 100 %.
        Assert.StartsWith("image: 1,199/1,200 items (99 %)", ProgressLine.Format(At(1199, 1200, 10)));
    }

    [Fact]
    public void Loss_unknown_totals_and_finished_tasks()
    {
        Assert.Equal("image: 3/40 steps (7 %), 1.50 steps/s, ETA 25 s, loss 0.8916",
            ProgressLine.Format(At(3, 40, 2, loss: 0.89164, unit: "steps")));
        Assert.Equal("image: 250 items, 125 items/s", ProgressLine.Format(At(250, null, 2)));
        Assert.Equal("image: 1,200/1,200 items in 34 s, 35.3 items/s", ProgressLine.Format(At(1200, 1200, 34, finished: true)));
        Assert.Equal("image: 0/0 items in 0.0 s", ProgressLine.Format(At(0, 0, 0, finished: true)));
    }

    [Theory]
    [InlineData(4.24, "4.2 s")]
    [InlineData(9.96, "10 s")]
    [InlineData(42.4, "42 s")]
    [InlineData(245, "4:05")]
    [InlineData(3723, "1:02:03")]
    public void Durations(double seconds, string expected) => Assert.Equal(expected, ProgressLine.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(3.14159, "3.14 x/s")]
    [InlineData(35.26, "35.3 x/s")]
    [InlineData(4229.4, "4,229 x/s")]
    public void Rates(double perSecond, string expected) => Assert.Equal(expected, ProgressLine.Rate(perSecond, "x"));
}
