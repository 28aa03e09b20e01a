namespace FgCrossNet.Progress;

/// <summary>
/// Progress as plain lines, for output that is not a terminal (logs, CI): per task, a line when it starts, a line each
/// time it passes another tenth of its total (10 %, 20 %, ... 90 %; one line even when a report jumps several), a line
/// when the count moved and <see cref="Interval"/> (default 60 s) has passed since the task's last line (long steps,
/// unknown totals), and a final line. Lines are <see cref="ProgressLine.Format"/>'s; the times are the reports' own, so
/// the output is a function of the reports alone. A report that does not move the count past the last line's prints nothing.
/// Thread-safe.
/// </summary>
public sealed class PlainProgressWriter
{
    /// <summary>The default <see cref="Interval"/>.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(60);

    private readonly Action<string> _writeLine;
    private readonly Dictionary<string, (long Tenth, long Done, TimeSpan LastLine)> _running = new();
    private readonly object _gate = new();

    public PlainProgressWriter(Action<string> writeLine, TimeSpan? interval = null)
    {
        _writeLine = writeLine;
        Interval = interval ?? DefaultInterval;
    }

    /// <summary>Longest time between two lines of a running task that reports.</summary>
    public TimeSpan Interval { get; }

    public void Report(ProgressReport report)
    {
        lock (_gate)
        {
            if (report.Finished)
            {
                _running.Remove(report.Task);
                _writeLine(ProgressLine.Format(report));
                return;
            }
            long tenth = Tenth(report);
            if (!_running.TryGetValue(report.Task, out var last))
            {
                _running[report.Task] = (tenth, report.Done, report.Elapsed);
                _writeLine(ProgressLine.Format(report));
                return;
            }
            bool newTenth = tenth > last.Tenth && tenth < 10;
            bool due = report.Done > last.Done && report.Elapsed - last.LastLine >= Interval;
            if (!newTenth && !due) return;
            _running[report.Task] = (Math.Max(tenth, last.Tenth), report.Done, report.Elapsed);
            _writeLine(ProgressLine.Format(report));
        }
    }

    /// <summary>Tenths of the total done, 0..10 (0 for an unknown total).</summary>
    private static long Tenth(ProgressReport report) => report.Total switch
    {
        null => 0,
        <= 0 => 10,
        var total => Math.Clamp(report.Done * 10 / total.Value, 0, 10),
    };
}
