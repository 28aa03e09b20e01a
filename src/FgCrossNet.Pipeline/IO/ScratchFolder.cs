using System.Security.Cryptography;
using System.Text;

namespace FgCrossNet.IO;

/// <summary>
/// Throw-away folders for notebooks and quick looks: <c>TEMP/fgx-scratch-HASH/NAME</c>, where HASH identifies the
/// working directory (a notebook's folder, so each checkout has its own), emptied by <see cref="Fresh"/>. Reusing one
/// folder per name keeps repeated runs (e.g. a notebook in every test run) from filling the disk, and separate
/// checkouts on one machine never share one.
/// </summary>
public static class ScratchFolder
{
    /// <summary>The scratch root of the current working directory.</summary>
    public static string Root
    {
        get
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(Directory.GetCurrentDirectory())));
            return Path.Combine(Path.GetTempPath(), "fgx-scratch-" + Convert.ToHexStringLower(hash)[..12]);
        }
    }

    /// <summary>An empty folder <c>Root/NAME</c>: whatever an earlier call left there is deleted first.</summary>
    public static string Fresh(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or "..")
            throw new ArgumentException($"'{name}' is not a plain folder name.", nameof(name));
        var path = Path.Combine(Root, name);
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        Directory.CreateDirectory(path);
        return path;
    }
}
