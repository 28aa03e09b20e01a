namespace FgCrossNet.Progress;

/// <summary>
/// Progress as plain lines, for output that is not a terminal (logs, CI). Per task:
/// <list type="bullet">
/// <item>its final report: always a line;</item>
/// <item>a running report: a line when the count moved since the task's last line, at least <see cref="MinimumGap"/>
/// (default 5 s) has passed since that line (or the task's start), and either the report is in a higher tenth of the
/// total than that line (10 %, 20 %, ... 90 %; one line even when a report jumps several) or <see cref="Interval"/>
/// (default 60 s) has passed since it (long steps, unknown totals);</item>
/// <item>the start (the first report of a task): no line, so a task quicker than <see cref="MinimumGap"/> prints one line.</item>
/// </list>
/// Lines are <see cref="ProgressLine.Format"/>'s; the times are the reports' own, so the output is a function of the
/// reports alone. Thread-safe.
/// </summary>
public sealed class PlainProgressWriter(Action<string> writeLine, TimeSpan? minimumGap = null, TimeSpan? interval = null)
{
    /// <summary>The default <see cref="MinimumGap"/>.</summary>
    public static readonly TimeSpan DefaultMinimumGap = TimeSpan.FromSeconds(5);

    /// <summary>The default <see cref="Interval"/>.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, (long Tenth, long Done, TimeSpan At)> _lastLine = new();
    private readonly object _gate = new();

    /// <summary>Shortest time between two running lines of a task.</summary>
    public TimeSpan MinimumGap { get; } = minimumGap ?? DefaultMinimumGap;

    /// <summary>Longest time between two lines of a running task whose count moves.</summary>
    public TimeSpan Interval { get; } = interval ?? DefaultInterval;

    public void Report(ProgressReport report)
    {
        lock (_gate)
        {
            if (report.Finished)
            {
                _lastLine.Remove(report.Task);
                writeLine(ProgressLine.Format(report));
                return;
            }
            long tenth = Tenth(report);
            if (!_lastLine.TryGetValue(report.Task, out var last))
            {
                _lastLine[report.Task] = (tenth, report.Done, report.Elapsed);
                return;
            }
            var since = report.Elapsed - last.At;
            bool due = report.Done > last.Done && since >= MinimumGap && ((tenth > last.Tenth && tenth < 10) || since >= Interval);
            if (!due) return;
            _lastLine[report.Task] = (tenth, report.Done, report.Elapsed);
            writeLine(ProgressLine.Format(report));
        }
    }

    /// <summary>Tenths of the total done, 0..10 (0 for an unknown total, 10 for a zero one).</summary>
    private static long Tenth(ProgressReport report) => report.Total switch
    {
        null => 0,
        <= 0 => 10,
        var total => Math.Clamp(report.Done * 10 / total.Value, 0, 10),
    };
}
