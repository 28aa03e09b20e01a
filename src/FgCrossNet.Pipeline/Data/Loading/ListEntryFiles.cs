using FgCrossNet.IO;

namespace FgCrossNet.Data.Loading;

/// <summary>Resolves list entries to files under a dataset root and reports missing ones by list line.</summary>
internal static class ListEntryFiles
{
    public static string[] ResolveAll(string root, string listPath, IReadOnlyList<ListEntry> entries, bool requireExisting)
    {
        var paths = new string[entries.Count];
        int missing = 0;
        ListEntry? firstMissing = null;
        for (int i = 0; i < entries.Count; i++)
        {
            paths[i] = ListFile.Resolve(root, entries[i], listPath);
            if (requireExisting && !File.Exists(paths[i]))
            {
                missing++;
                firstMissing ??= entries[i];
            }
        }
        if (firstMissing is not null)
            throw new InvalidInputException(listPath, firstMissing.Line,
                $"file '{firstMissing.RelativePath}' not found under {root}" + (missing > 1 ? $" ({missing - 1} more entries of this list are missing too; run 'fgcrossnet data check')" : ""));
        return paths;
    }

    /// <summary>Wraps a failure to read one item into an error naming the list line and the file.</summary>
    public static InvalidInputException ItemError(string listPath, ListEntry entry, string what, Exception error) =>
        error as InvalidInputException
        ?? new InvalidInputException(listPath, entry.Line, $"cannot {what} '{entry.RelativePath}': {error.Message}");
}
