using FgCrossNet.IO;

namespace FgCrossNet.Experiments;

/// <summary>
/// Keeps this process's <see cref="CellHeartbeat"/> in a cell folder while it works on the cell: written at once and
/// then every <see cref="CellHeartbeat.Interval"/> (atomically, from a timer), removed on <see cref="Dispose"/>, or
/// kept with the error after <see cref="Fail"/>. A heartbeat that cannot be written is not an error: it only informs.
/// </summary>
public sealed class CellHeartbeatWriter : IDisposable
{
    private readonly object _gate = new();
    private readonly string _path;
    private readonly Timer _timer;
    private CellHeartbeat _beat;
    private bool _ended;

    private CellHeartbeatWriter(string cellFolder)
    {
        Directory.CreateDirectory(cellFolder);
        var now = DateTimeOffset.UtcNow;
        _beat = new CellHeartbeat(Environment.MachineName, Environment.ProcessId, CellHeartbeat.CurrentSlurmJob(), now, now, null);
        _path = CellHeartbeat.PathIn(cellFolder, _beat.Host, _beat.Pid);
        Write();
        _timer = new Timer(_ => Beat(), null, CellHeartbeat.Interval, CellHeartbeat.Interval);
    }

    public static CellHeartbeatWriter Start(string cellFolder) => new(Path.GetFullPath(cellFolder));

    /// <summary>Stops beating and leaves the heartbeat with <paramref name="error"/>: the cell failed here.</summary>
    public void Fail(string error)
    {
        lock (_gate)
        {
            if (_ended) return;
            _ended = true;
            _beat = _beat with { Updated = DateTimeOffset.UtcNow, Error = error };
            Write();
        }
        _timer.Dispose();
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            if (_ended) return;
            _ended = true;
            try { File.Delete(_path); } catch (IOException) { }
        }
    }

    private void Beat()
    {
        lock (_gate)
        {
            if (_ended) return;
            _beat = _beat with { Updated = DateTimeOffset.UtcNow };
            Write();
        }
    }

    private void Write()
    {
        try
        {
            AtomicFile.WriteAllText(_path, _beat.ToJson().ToJsonString() + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full or flaky shared file system must not stop training; the status then shows less.
        }
    }
}
