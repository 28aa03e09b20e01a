using FgCrossNet.Progress;
using Spectre.Console.Testing;

namespace FgCrossNet.Pipeline.Tests.Progress;

public class TerminalProgressDisplayTests
{
    [Fact]
    public void Rows_are_drawn_in_place_and_finished_tasks_and_log_lines_stay_above_them()
    {
        var console = new TestConsole().Interactive().EmitAnsiSequences().Width(120);
        var result = TerminalProgressDisplay.Run(console, display =>
        {
            var meter = ProgressMeter.Start(display.Report, "image", 4);
            display.Log("a [log] line");
            for (int i = 0; i < 4; i++)
            {
                meter.Advance();
                Thread.Sleep(150); // Spectre redraws every 100 ms
            }
            meter.Finish();
            return 42;
        });
        Assert.Equal(42, result);
        var output = console.Output;
        Assert.Contains("\u001b[", output); // cursor movements: drawn in place
        Assert.Contains("a [log] line", output);
        Assert.Matches(@"image.*2/4 items \(50 %\)", output);
        Assert.Matches(@"image: 4/4 items in \d+\.\d s, [\d.]+ items/s", output);
    }
}
