namespace FgCrossNet.Synthetic;

/// <summary>One synthetic species.</summary>
/// <param name="Label">0-based class label.</param>
/// <param name="Name">Folder name without number, as text/audio/video use it: <c>Synth_Red_crowned_Warbler</c>.</param>
/// <param name="Family">0-based family index; species of a family share most attributes.</param>
/// <param name="Attributes">What it looks and sounds like.</param>
/// <param name="VisualKey">The visual attribute that tells it from its family (e.g. <c>crown</c>).</param>
/// <param name="CallKey">The call attribute that tells it from its family (e.g. <c>callPitch</c>).</param>
public sealed record SyntheticClass(int Label, string Name, int Family, BirdAttributes Attributes, string VisualKey, string CallKey)
{
    /// <summary>Image folder name with its 1-based number, as the image layout uses it: <c>001.Synth_Red_crowned_Warbler</c>.</summary>
    public string ImageFolder => $"{Label + 1:D3}.{Name}";
}
