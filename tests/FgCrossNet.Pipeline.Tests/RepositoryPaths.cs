namespace FgCrossNet.Pipeline.Tests;

/// <summary>Folders of the repository, found from the test assembly's location. Tests read nothing outside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The repository's byte-exact copy of the official FG-XMedia test lists: <c>&lt;medium&gt;/test.txt</c>, <c>&lt;medium&gt;/testlabel.txt</c>.</summary>
    public static string OfficialLists { get; } = Path.Combine(Root, "data-manifests", "fg-xmedia", "list");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FgCrossNet.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("FgCrossNet.sln not found above " + AppContext.BaseDirectory);
    }
}
