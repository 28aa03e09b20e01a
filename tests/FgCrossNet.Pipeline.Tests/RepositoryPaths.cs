namespace FgCrossNet.Pipeline.Tests;

/// <summary>Folders of the repository and of the shared data beside it, found from the test assembly's location.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The <c>shared/</c> folder next to the repository (holds the official FG-XMedia test lists); in a git worktree
    /// without one beside it, the one next to the main working tree.
    /// </summary>
    public static string Shared { get; } = FindShared();

    private static string FindShared()
    {
        var beside = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
        var gitFile = Path.Combine(Root, ".git");
        if (Directory.Exists(beside) || !File.Exists(gitFile)) return beside;
        // A worktree's .git file reads "gitdir: <main>/.git/worktrees/<name>".
        var line = File.ReadAllText(gitFile).Trim();
        if (!line.StartsWith("gitdir:", StringComparison.Ordinal)) return beside;
        var gitDir = new DirectoryInfo(line["gitdir:".Length..].Trim());
        var mainGit = gitDir.Parent?.Parent;
        if (mainGit is null || mainGit.Name != ".git" || mainGit.Parent is null) return beside;
        var mainShared = Path.Combine(mainGit.Parent.FullName, "..", "shared");
        return Directory.Exists(mainShared) ? Path.GetFullPath(mainShared) : beside;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FgCrossNet.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("FgCrossNet.sln not found above " + AppContext.BaseDirectory);
    }
}
