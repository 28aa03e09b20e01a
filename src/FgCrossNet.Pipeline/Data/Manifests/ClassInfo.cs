namespace FgCrossNet.Data.Manifests;

/// <summary>
/// One class of the dataset and the folder names it goes by in each medium's paths.
/// </summary>
/// <param name="Id">0-based label.</param>
/// <param name="ImageFolder">Folder under <c>image/</c>, e.g. <c>001.Black_footed_Albatross</c> (CUB-200-2011 name).</param>
/// <param name="TextFolder">Folder under <c>text/</c>, e.g. <c>Black_footed_Albatross</c>.</param>
/// <param name="AudioFolder">Folder under <c>audio/audioimg/</c>; differs from the text folder for 10 FG-XMedia classes
/// (e.g. <c>Grey_Catbird</c> for <c>019.Gray_Catbird</c>).</param>
/// <param name="DisplayName">Human-readable name, e.g. "Black-footed Albatross".</param>
public sealed record ClassInfo(int Id, string ImageFolder, string TextFolder, string AudioFolder, string DisplayName)
{
    /// <summary>All folder names of the class, distinct.</summary>
    public IEnumerable<string> FolderNames => new[] { ImageFolder, TextFolder, AudioFolder }.Distinct(StringComparer.Ordinal);
}
