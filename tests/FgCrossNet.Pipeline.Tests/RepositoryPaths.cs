namespace FgCrossNet.Pipeline.Tests;

/// <summary>Folders of the repository and of the shared data beside it, found from the test assembly's location.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The <c>shared/</c> folder next to the repository (holds the official FG-XMedia test lists).</summary>
    public static string Shared { get; } = Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FgCrossNet.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("FgCrossNet.sln not found above " + AppContext.BaseDirectory);
    }
}
