using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using FgCrossNet.IO;

namespace FgCrossNet.Experiments;

/// <summary>
/// The Slurm client commands the grid submission runs: <c>sbatch --parsable</c> (submit a script, get its job id) and
/// <c>squeue --me --array</c> (this user's queued or running array tasks). They read the cluster from the environment
/// as always (<c>SLURM_CONF</c>, ...). A missing command or a refusal is an <see cref="InvalidInputException"/> naming
/// the command and quoting its message.
/// </summary>
public static class SlurmCommands
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The command line <see cref="Submit"/> runs, for display: <c>sbatch --parsable OPTIONS SCRIPT</c>.</summary>
    public static string SubmitCommand(string script, IReadOnlyList<string> options) => string.Join(' ', ["sbatch", "--parsable", .. options, script]);

    /// <summary>Submits <paramref name="script"/> with <paramref name="options"/>; returns the job id.</summary>
    public static string Submit(string script, IReadOnlyList<string> options)
    {
        var output = Run("sbatch", ["--parsable", .. options, script]);
        // --parsable prints "jobid" or "jobid;cluster".
        var id = output.Trim().Split(';')[0];
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new InvalidInputException("sbatch", $"printed '{output.Trim()}' instead of a job id for {script}");
        return id;
    }

    /// <summary>This user's array tasks that Slurm still holds (pending, running, suspended, completing): (array job id, task id).</summary>
    public static IReadOnlyList<(string ArrayJob, int Task)> QueuedArrayTasks()
    {
        var tasks = new List<(string, int)>();
        foreach (var line in Run("squeue", ["--me", "--array", "--noheader", "--format=%F %K"]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int task)) tasks.Add((parts[0], task));
        }
        return tasks;
    }

    private static string Run(string command, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            throw new InvalidInputException(command, "not found: run this on a machine with Slurm's client commands (a login node), or use --dry-run to only write the scripts");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidInputException(command, $"did not answer within {Timeout.TotalMinutes:0} minutes");
            }
            if (process.ExitCode != 0)
                throw new InvalidInputException(command, $"failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
            return stdout.Result;
        }
    }
}
