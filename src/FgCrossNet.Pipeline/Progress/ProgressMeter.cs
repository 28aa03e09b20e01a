namespace FgCrossNet.Progress;

/// <summary>
/// Counts one task for a progress sink: <see cref="Start"/> reports it at 0, <see cref="Report"/> and
/// <see cref="Advance"/> as items finish (from any thread; the count never goes back, so worker threads may report
/// out of order), <see cref="Finish"/> once at the end. Each report carries the time since the start, read from the
/// given clock (tests pass a fake one), and the last loss given (a report without one repeats it). Without a sink
/// nothing is made or sent. The sink is called under the meter's lock, one report at a time.
/// </summary>
public sealed class ProgressMeter
{
    private readonly Action<ProgressReport>? _sink;
    private readonly TimeProvider _clock;
    private readonly long _started;
    private readonly object _gate = new();
    private long _done;
    private bool _finished;
    private double? _loss;

    private ProgressMeter(Action<ProgressReport>? sink, string task, long? total, string unit, TimeProvider clock)
    {
        _sink = sink;
        _clock = clock;
        _started = clock.GetTimestamp();
        Task = task;
        Total = total;
        Unit = unit;
    }

    public string Task { get; }

    public long? Total { get; }

    public string Unit { get; }

    /// <summary>Starts the task <paramref name="task"/> of <paramref name="total"/> <paramref name="unit"/> (null: unknown) and reports it at 0.</summary>
    public static ProgressMeter Start(Action<ProgressReport>? sink, string task, long? total, string unit = "items", TimeProvider? clock = null)
    {
        if (total is < 0) throw new ArgumentOutOfRangeException(nameof(total), "a total cannot be negative");
        var meter = new ProgressMeter(sink, task, total, unit, clock ?? TimeProvider.System);
        meter.Send(0, null, finished: false);
        return meter;
    }

    /// <summary>Reports <paramref name="done"/> items done (ignored when it is fewer than already reported).</summary>
    public void Report(long done, double? loss = null) => Send(done, loss, finished: false);

    /// <summary>Adds <paramref name="items"/> to the count and reports it.</summary>
    public void Advance(long items = 1, double? loss = null)
    {
        if (_sink is null) return;
        lock (_gate) Send(_done + items, loss, finished: false);
    }

    /// <summary>Reports the end of the task (once; later reports are ignored).</summary>
    public void Finish(double? loss = null)
    {
        if (_sink is null) return;
        lock (_gate) Send(_done, loss, finished: true);
    }

    private void Send(long done, double? loss, bool finished)
    {
        if (_sink is null) return;
        lock (_gate)
        {
            if (_finished || (done < _done && !finished)) return;
            _done = Math.Max(_done, done);
            _finished = finished;
            _loss = loss ?? _loss;
            _sink(new ProgressReport(Task, _done, Total, Unit, _clock.GetElapsedTime(_started), _loss, finished));
        }
    }
}
