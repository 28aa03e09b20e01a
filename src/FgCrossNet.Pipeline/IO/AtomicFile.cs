namespace FgCrossNet.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new content, never a half-written file:
/// the data goes to a temporary file in the same folder, is flushed to disk, and is then renamed over the target.
/// Temporary files are named <c>.NAME.PID.GUID.tmp</c> after the process writing them, so that those of a killed
/// process can be recognised and removed (<see cref="DeleteStaleTemporaryFiles"/>).
/// </summary>
public static partial class AtomicFile
{
    /// <summary>A new temporary file name for <paramref name="path"/> in its folder: <c>.NAME.PID.GUID.tmp</c>, PID this process's id.</summary>
    public static string TemporaryPath(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>
    /// Deletes the temporary files (<see cref="TemporaryPath"/>) in <paramref name="folder"/> whose process is no longer
    /// running: what a killed writer leaves. Files of running processes are kept. Returns the number deleted.
    /// </summary>
    public static int DeleteStaleTemporaryFiles(string folder)
    {
        if (!Directory.Exists(folder)) return 0;
        int deleted = 0;
        foreach (var file in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            var match = TemporaryName().Match(System.IO.Path.GetFileName(file));
            if (!match.Success || !int.TryParse(match.Groups[1].Value, out var pid) || IsRunning(pid)) continue;
            try
            {
                File.Delete(file);
                deleted++;
            }
            catch (IOException)
            {
                // Another process cleaning the same folder got there first.
            }
        }
        return deleted;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\..+\.(\d+)\.[0-9a-f]{32}\.tmp$")]
    private static partial System.Text.RegularExpressions.Regex TemporaryName();

    public static void Write(string path, Action<Stream> write)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var temp = TemporaryPath(full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, s =>
        {
            using var writer = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });
}
