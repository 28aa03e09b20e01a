namespace FgCrossNet.Notebooks.Tests;

/// <summary>Folders of the repository, found from the test assembly's location.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Notebooks { get; } = Path.Combine(Root, "notebooks");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FgCrossNet.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("FgCrossNet.sln not found above " + AppContext.BaseDirectory);
    }
}
