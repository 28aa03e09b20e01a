namespace FgCrossNet.Progress;

/// <summary>
/// Progress as one display that updates in place (a notebook cell's output): <paramref name="update"/> receives the
/// whole text each time, one <see cref="ProgressLine.Format"/> line per running task in the order they started (when
/// none is running, the last finished task's final line). Updates are throttled to one per <see cref="Interval"/>
/// (default 250 ms, four a second) on <paramref name="clock"/>; a task's final report is always shown at once, and an
/// unchanged text is not sent again. In a Polyglot notebook:
/// <code>
/// var shown = display("starting");
/// var progress = new NotebookProgressDisplay(text => shown.Update(text));
/// ... new TrainingOptions { Progress = progress.Report } ...
/// </code>
/// Thread-safe.
/// </summary>
public sealed class NotebookProgressDisplay(Action<string> update, TimeSpan? interval = null, TimeProvider? clock = null)
{
    /// <summary>The default <see cref="Interval"/>.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly List<(string Task, string Line)> _running = [];
    private readonly object _gate = new();
    private string? _lastFinished;
    private string? _shown;
    private long? _shownAt;

    /// <summary>Shortest time between two updates that no final report forces.</summary>
    public TimeSpan Interval { get; } = interval ?? DefaultInterval;

    public void Report(ProgressReport report)
    {
        lock (_gate)
        {
            int index = _running.FindIndex(r => r.Task == report.Task);
            var line = ProgressLine.Format(report);
            if (report.Finished)
            {
                if (index >= 0) _running.RemoveAt(index);
                _lastFinished = line;
            }
            else if (index >= 0) _running[index] = (report.Task, line);
            else _running.Add((report.Task, line));

            long now = _clock.GetTimestamp();
            if (!report.Finished && _shownAt is { } at && _clock.GetElapsedTime(at, now) < Interval) return;
            var text = _running.Count > 0 ? string.Join("\n", _running.Select(r => r.Line)) : _lastFinished ?? "";
            if (text == _shown) return;
            _shown = text;
            _shownAt = now;
            update(text);
        }
    }
}
