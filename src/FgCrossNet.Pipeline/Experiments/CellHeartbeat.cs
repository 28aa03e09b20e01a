using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FgCrossNet.Experiments;

/// <summary>
/// What a process working on an ablation cell writes into the cell's folder (<see cref="CellHeartbeatWriter"/>):
/// <c>heartbeat-&lt;host&gt;-&lt;pid&gt;.json</c> with its host, pid, Slurm job (<c>ARRAYJOB_TASK</c> in an array task),
/// when it started and when it last wrote (every <see cref="Interval"/>), and, when its work on the cell failed, the
/// error. A heartbeat is <see cref="IsLive">live</see> (someone is working on the cell) when it has no error, was
/// written within <see cref="StaleAfter"/>, and, on this host, its process still exists; a killed process leaves a
/// heartbeat that stops being live at once on its own host and after <see cref="StaleAfter"/> elsewhere. The run
/// folder's lock keeps a second process off a cell; heartbeats only let anyone, on any node, see who works on it.
/// </summary>
public sealed record CellHeartbeat(string Host, int Pid, string? SlurmJob, DateTimeOffset Started, DateTimeOffset Updated, string? Error)
{
    /// <summary>How often a working process rewrites its heartbeat.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>How old a heartbeat from another host may be and still count as live (four missed beats).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public const string FilePrefix = "heartbeat-";

    /// <summary>The heartbeat file of process <paramref name="pid"/> on <paramref name="host"/> in a cell folder.</summary>
    public static string PathIn(string cellFolder, string host, int pid) => Path.Combine(cellFolder, $"{FilePrefix}{host}-{pid}.json");

    /// <summary>The Slurm job of this process: <c>ARRAYJOB_TASK</c> in an array task, the job id in another job, null outside Slurm.</summary>
    public static string? CurrentSlurmJob() =>
        Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID") is { Length: > 0 } array && Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID") is { Length: > 0 } task
            ? $"{array}_{task}"
            : Environment.GetEnvironmentVariable("SLURM_JOB_ID") is { Length: > 0 } job ? job : null;

    /// <summary>Whether the process is (as far as can be seen from here) still working on the cell.</summary>
    public bool IsLive(DateTimeOffset now)
    {
        if (Error is not null || now - Updated > StaleAfter) return false;
        return Host != Environment.MachineName || ProcessExists(Pid);
    }

    public JsonObject ToJson() => new()
    {
        ["host"] = Host,
        ["pid"] = Pid,
        ["slurm_job"] = SlurmJob,
        ["started_utc"] = Started.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["updated_utc"] = Updated.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["error"] = Error,
    };

    /// <summary>The readable heartbeats in a cell folder (a torn or foreign file is ignored: heartbeats only inform).</summary>
    public static IReadOnlyList<CellHeartbeat> ReadAll(string cellFolder)
    {
        if (!Directory.Exists(cellFolder)) return [];
        var beats = new List<CellHeartbeat>();
        foreach (var file in Directory.GetFiles(cellFolder, FilePrefix + "*.json"))
        {
            try
            {
                if (JsonNode.Parse(File.ReadAllText(file)) is JsonObject o
                    && o["host"]?.GetValue<string>() is { } host && o["pid"]?.GetValue<int>() is { } pid
                    && o["started_utc"]?.GetValue<string>() is { } started && o["updated_utc"]?.GetValue<string>() is { } updated)
                    beats.Add(new CellHeartbeat(host, pid, o["slurm_job"]?.GetValue<string>(), Time(started), Time(updated), o["error"]?.GetValue<string>()));
            }
            catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or FormatException)
            {
                // Being rewritten or removed right now, or not ours.
            }
        }
        return beats;
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
