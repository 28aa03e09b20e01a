namespace FgCrossNet.Core;

/// <summary>The four media of FG-XMedia, in the order the paper stacks them (image, text, audio, video).</summary>
public enum Medium
{
    Image = 0,
    Text = 1,
    Audio = 2,
    Video = 3,
}

/// <summary>Names and letters of the media, as used in folder names and in the paper's tables (I, T, A, V).</summary>
public static class Media
{
    /// <summary>All four media in stacking order.</summary>
    public static IReadOnlyList<Medium> All { get; } = [Medium.Image, Medium.Text, Medium.Audio, Medium.Video];

    /// <summary>The paper's one-letter abbreviation: I, T, A or V.</summary>
    public static char Letter(this Medium medium) => "ITAV"[(int)medium];

    /// <summary>The lower-case folder name used by the dataset and feature layouts: image, text, audio, video.</summary>
    public static string FolderName(this Medium medium) => medium.ToString().ToLowerInvariant();

    /// <summary>Parses a folder name or a letter (case-insensitive).</summary>
    public static bool TryParse(string text, out Medium medium)
    {
        foreach (var m in All)
        {
            if (string.Equals(text, m.FolderName(), StringComparison.OrdinalIgnoreCase)
                || (text.Length == 1 && char.ToUpperInvariant(text[0]) == m.Letter()))
            {
                medium = m;
                return true;
            }
        }
        medium = default;
        return false;
    }

    /// <summary>
    /// Parses a comma-separated list of media (folder names or letters, e.g. <c>image,text</c> or <c>I,T</c>) into
    /// distinct media in the canonical order; <paramref name="source"/> (an option or key name) starts the error message.
    /// </summary>
    public static Medium[] ParseList(string list, string source)
    {
        var result = new List<Medium>();
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(name, out var m)) throw new ArgumentException($"{source}: '{name}' is not one of image, text, audio, video.");
            if (!result.Contains(m)) result.Add(m);
        }
        if (result.Count == 0) throw new ArgumentException($"{source}: name at least one medium.");
        return [.. result.Order()];
    }
}
