namespace FgCrossNet.Synthetic;

/// <summary>
/// What a synthetic bird species looks and sounds like. Every medium renders the same attributes: images and video draw
/// the visual ones, audio sounds the call, text describes both.
/// </summary>
public sealed record BirdAttributes(
    BirdColour Body,
    BirdColour Wing,
    WingPattern Pattern,
    BirdColour Crown,
    BirdColour BeakColour,
    PartLength Beak,
    PartLength Tail,
    BodySize Size,
    CallPitch Pitch,
    SyllableRate Rate,
    CallContour Contour,
    CallTimbre Timbre)
{
    /// <summary>The attributes in a fixed order as text, for the dataset's <c>synthetic.json</c> and for comparisons.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() => new Dictionary<string, string>
    {
        ["body"] = Body.Name,
        ["wing"] = Wing.Name,
        ["wingPattern"] = Pattern.ToString(),
        ["crown"] = Crown.Name,
        ["beakColour"] = BeakColour.Name,
        ["beakLength"] = Beak.ToString(),
        ["tailLength"] = Tail.ToString(),
        ["size"] = Size.ToString(),
        ["callPitch"] = Pitch.ToString(),
        ["syllableRate"] = Rate.ToString(),
        ["callContour"] = Contour.ToString(),
        ["callTimbre"] = Timbre.ToString(),
    };
}
