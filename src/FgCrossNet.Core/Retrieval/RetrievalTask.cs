namespace FgCrossNet.Core.Retrieval;

/// <summary>
/// One retrieval task: queries of <see cref="Query"/> against a gallery of one medium, or of all media stacked
/// (image, text, audio, video, in that order) when <see cref="Gallery"/> is null.
/// </summary>
public readonly record struct RetrievalTask(Medium Query, Medium? Gallery)
{
    /// <summary>The paper's label: "I->T", ..., "V->All".</summary>
    public string Name => $"{Query.Letter()}->{(Gallery is { } g ? g.Letter().ToString() : "All")}";

    /// <summary>Query and gallery are different single media (the paper's 12 bi-modal tasks).</summary>
    public bool IsBimodal => Gallery is { } g && g != Query;

    /// <summary>The gallery is all media stacked (the paper's 4 multi-modal tasks).</summary>
    public bool IsMultimodal => Gallery is null;

    public override string ToString() => Name;

    public static bool TryParse(string name, out RetrievalTask task)
    {
        task = default;
        var parts = name.Split("->");
        if (parts.Length != 2 || !Media.TryParse(parts[0], out var q)) return false;
        if (string.Equals(parts[1], "All", StringComparison.OrdinalIgnoreCase)) { task = new(q, null); return true; }
        if (!Media.TryParse(parts[1], out var g)) return false;
        task = new(q, g);
        return true;
    }
}
