using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace FgCrossNet.Pipeline.Tests.Experiments;

/// <summary>
/// A real single-node Slurm cluster for the tests (Debian's slurm-wlm and munge, installed by environment/setup.sh),
/// started as root in a temporary folder: munged with its own key and socket, slurmctld and slurmd with a minimal
/// slurm.conf (process tracking by /proc, no task plugin, cores as consumable resources, no accounting, the node's
/// CPUs from the processor count, free ports, state, spool, logs and pid files in the folder). Clients reach it
/// through <see cref="ClientEnvironment"/> (<c>SLURM_CONF</c>). Stopped through the daemons' own pid files. When it cannot
/// start, the constructor throws with the daemons' logs, so every test that uses it fails: it never skips.
/// </summary>
public sealed class SlurmCluster : IDisposable
{
    public const int SigTerm = 15, SigKill = 9, SigStop = 19;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();
    private readonly string[] _pidFiles;

    public SlurmCluster()
    {
        var dir = _folder.Path;
        _pidFiles = [Path.Combine(dir, "slurmd.pid"), Path.Combine(dir, "slurmctld.pid"), Path.Combine(dir, "munged.pid")];
        try
        {
            if (Environment.UserName != "root")
                throw new InvalidOperationException($"the Slurm tests start slurmd, which must run as root (running as {Environment.UserName})");
            var node = Environment.MachineName.Split('.')[0];
            var socket = Path.Combine(dir, "munge.socket");
            Daemon("mungekey", "--create", $"--keyfile={Path.Combine(dir, "munge.key")}");
            Daemon("munged", $"--socket={socket}", $"--key-file={Path.Combine(dir, "munge.key")}", $"--pid-file={_pidFiles[2]}",
                $"--log-file={Path.Combine(dir, "munged.log")}", $"--seed-file={Path.Combine(dir, "munged.seed")}");
            Directory.CreateDirectory(Path.Combine(dir, "state"));
            Directory.CreateDirectory(Path.Combine(dir, "spool"));
            var (controllerPort, nodePort) = (FreePort(), FreePort());
            Config = Path.Combine(dir, "slurm.conf");
            File.WriteAllText(Config, $"""
                ClusterName=fgx-test
                SlurmctldHost={node}(127.0.0.1)
                SlurmctldPort={controllerPort}
                SlurmdPort={nodePort}
                SlurmUser=root
                SlurmdUser=root
                AuthType=auth/munge
                CredType=cred/munge
                AuthInfo=socket={socket}
                StateSaveLocation={Path.Combine(dir, "state")}
                SlurmdSpoolDir={Path.Combine(dir, "spool")}
                SlurmctldPidFile={_pidFiles[1]}
                SlurmdPidFile={_pidFiles[0]}
                SlurmctldLogFile={Path.Combine(dir, "slurmctld.log")}
                SlurmdLogFile={Path.Combine(dir, "slurmd.log")}
                ProctrackType=proctrack/linuxproc
                TaskPlugin=task/none
                SelectType=select/cons_tres
                SelectTypeParameters=CR_Core
                AccountingStorageType=accounting_storage/none
                JobAcctGatherType=jobacct_gather/none
                JobCompType=jobcomp/none
                MpiDefault=none
                ReturnToService=2
                KillWait=5
                NodeName={node} NodeAddr=127.0.0.1 CPUs={Environment.ProcessorCount} State=UNKNOWN
                PartitionName=debug Nodes={node} Default=YES MaxTime=INFINITE State=UP

                """);
            ClientEnvironment = new Dictionary<string, string?> { ["SLURM_CONF"] = Config };
            Daemon("slurmctld", "-f", Config);
            Daemon("slurmd", "-f", Config, "-N", node);
            var clock = Stopwatch.StartNew();
            string state = "";
            while (clock.Elapsed < StartTimeout && (state = TryRun("sinfo", "--noheader", "--format=%T").Trim()) != "idle")
                Thread.Sleep(200);
            if (state != "idle")
                throw new InvalidOperationException($"the Slurm node is '{state}', not idle, after {StartTimeout.TotalSeconds:0} s\n{Logs()}");
            StartSeconds = clock.Elapsed.TotalSeconds;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The cluster's slurm.conf.</summary>
    public string Config { get; } = "";

    /// <summary>The environment of a Slurm client of this cluster.</summary>
    public IReadOnlyDictionary<string, string?> ClientEnvironment { get; } = new Dictionary<string, string?>();

    /// <summary>Seconds from starting the controller to an idle node.</summary>
    public double StartSeconds { get; }

    /// <summary>Runs a Slurm client command (sinfo, squeue, scancel, ...) against this cluster; its standard output, or an exception with its error.</summary>
    public string Run(string command, params string[] args)
    {
        var (code, stdout, stderr) = Execute(command, args);
        return code == 0 ? stdout : throw new InvalidOperationException($"{command} {string.Join(' ', args)}: exit {code}: {stderr}");
    }

    /// <summary>The controller's and the node's logs (for failure messages).</summary>
    public string Logs() => string.Join("\n", new[] { "slurmctld.log", "slurmd.log", "munged.log" }
        .Select(f => Path.Combine(_folder.Path, f)).Where(File.Exists)
        .Select(f => $"--- {Path.GetFileName(f)} (last lines)\n{string.Join("\n", File.ReadLines(f).TakeLast(30))}"));

    public void Dispose()
    {
        foreach (var pidFile in _pidFiles) Stop(pidFile);
        _folder.Dispose();
    }

    private string TryRun(string command, params string[] args)
    {
        try
        {
            return Execute(command, args).StdOut;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }

    private (int Code, string StdOut, string StdErr) Execute(string command, string[] args)
    {
        var result = CliProcess.RunProgram(command, ClientEnvironment, args);
        return (result.ExitCode, result.StdOut, result.StdErr);
    }

    /// <summary>Runs a daemon (it forks and writes its pid file) or a setup command; refuses with its output when it fails or is not installed.</summary>
    private void Daemon(string command, params string[] args)
    {
        (int Code, string StdOut, string StdErr) result;
        try
        {
            // Daemons live in /usr/sbin, which is not on every PATH.
            var sbin = Path.Combine("/usr/sbin", command);
            result = Execute(File.Exists(sbin) ? sbin : command, args);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{command} is not installed: run environment/setup.sh (apt packages slurm-wlm and munge)");
        }
        if (result.Code != 0) throw new InvalidOperationException($"{command} failed (exit {result.Code}): {result.StdErr}{result.StdOut}\n{Logs()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the daemon of a pid file: SIGTERM, then SIGKILL if it is still there after 10 s.</summary>
    private static void Stop(string pidFile)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out int pid) || pid <= 1) return;
        if (kill(pid, SigTerm) != 0) return;
        var clock = Stopwatch.StartNew();
        while (IsAlive(pid) && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(50);
        if (IsAlive(pid)) kill(pid, SigKill);
    }

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>; false when there is no such process.</summary>
    public static bool Signal(int pid, int signal) => kill(pid, signal) == 0;

    /// <summary>Whether the process exists and has not exited (a zombie, exited but not yet reaped, counts as exited).</summary>
    public static bool IsAlive(int pid)
    {
        if (kill(pid, 0) != 0) return false;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
