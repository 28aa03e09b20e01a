namespace FgCrossNet.Pipeline.Tests;

/// <summary>Folders of the repository and of the shared data beside it, found from the test assembly's location.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The <c>shared/</c> folder next to the repository (holds the official FG-XMedia test lists). In a git worktree
    /// (a <c>.git</c> file pointing into the main repository's <c>.git/worktrees/</c>) that is the folder next to the
    /// main working tree when there is none next to the worktree.
    /// </summary>
    public static string Shared { get; } = FindShared();

    private static string FindShared()
    {
        var beside = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
        var dotGit = Path.Combine(Root, ".git");
        if (Directory.Exists(beside) || !File.Exists(dotGit)) return beside;
        var line = File.ReadLines(dotGit).FirstOrDefault() ?? "";
        if (!line.StartsWith("gitdir:", StringComparison.Ordinal)) return beside;
        var gitDir = Path.GetFullPath(line["gitdir:".Length..].Trim(), Root);
        var commonDirFile = Path.Combine(gitDir, "commondir");
        var commonDir = File.Exists(commonDirFile) ? Path.GetFullPath(File.ReadAllText(commonDirFile).Trim(), gitDir) : gitDir;
        var mainTree = Path.GetDirectoryName(commonDir.TrimEnd(Path.DirectorySeparatorChar));
        var besideMain = mainTree is null ? beside : Path.GetFullPath(Path.Combine(mainTree, "..", "shared"));
        return Directory.Exists(besideMain) ? besideMain : beside;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FgCrossNet.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("FgCrossNet.sln not found above " + AppContext.BaseDirectory);
    }
}
