using FgCrossNet.Core;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// Text items of a list file, prepared as int64 [L] character indices by a <see cref="CharacterTextEncoder"/>.
/// All texts are read when the dataset is made (the test split is ~1 MB); a missing file is an error at once, a text
/// that cannot be an item (not UTF-8, binary, or refused by <see cref="TextFileReader.Problem"/>, e.g. empty) is
/// reported when the item is prepared, like an undecodable image, so that a loader can skip it.
/// </summary>
public sealed class TextListDataset : IListDataset<long>
{
    private readonly IReadOnlyList<ListEntry> _entries;
    private readonly string[] _texts;
    private readonly FgCrossNet.IO.InvalidInputException?[] _problems;

    /// <summary>Reads <paramref name="listPath"/> and every text it lists; with a <paramref name="classCount"/>, labels must lie in [0, classCount).</summary>
    public TextListDataset(string root, string listPath, TextEncodingOptions options, int? classCount = null)
        : this(root, listPath, ListFile.Read(listPath, classCount), options) { }

    public TextListDataset(string root, string listPath, IReadOnlyList<ListEntry> entries, TextEncodingOptions options)
    {
        options.Validate();
        Root = Path.GetFullPath(root);
        ListPath = listPath;
        Options = options;
        Encoder = new CharacterTextEncoder(options);
        _entries = entries;
        var paths = ListEntryFiles.ResolveAll(Root, listPath, entries, requireExisting: true);
        _texts = new string[entries.Count];
        _problems = new FgCrossNet.IO.InvalidInputException?[entries.Count];
        for (int i = 0; i < entries.Count; i++)
        {
            try
            {
                _texts[i] = TextFileReader.Read(paths[i], options.LineMode);
                if (TextFileReader.Problem(_texts[i], options.Lowercase) is { } problem) throw new InvalidDataException(problem);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                _texts[i] = "";
                _problems[i] = ListEntryFiles.ItemError(listPath, entries[i], "read text", e);
            }
        }
        ItemShape = [options.Length];
    }

    public string Root { get; }

    public string ListPath { get; }

    public Medium Medium => Medium.Text;

    public TextEncodingOptions Options { get; }

    public CharacterTextEncoder Encoder { get; }

    public int Count => _entries.Count;

    public IReadOnlyList<ListEntry> Entries => _entries;

    public IReadOnlyList<long> ItemShape { get; }

    public int ItemLength => Options.Length;

    public ListEntry Entry(int index) => _entries[index];

    public int Label(int index) => _entries[index].Label;

    /// <summary>The selected text of item <paramref name="index"/> (before encoding; empty for an unusable item).</summary>
    public string Text(int index) => _texts[index];

    public void Prepare(int index, Random? random, Span<long> destination)
    {
        if (_problems[index] is { } problem) throw problem;
        int leftPadding = Options.RandomLeftPadding && random is not null ? 2 * random.Next(5) : 0;
        Encoder.Encode(_texts[index], leftPadding, destination);
    }
}
