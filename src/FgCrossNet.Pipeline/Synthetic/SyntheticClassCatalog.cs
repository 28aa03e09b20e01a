namespace FgCrossNet.Synthetic;

/// <summary>
/// The synthetic species: families of <see cref="SyntheticConfig.FamilySize"/> species drawn from one base bird. Each
/// family has one defining visual trait (crown colour, wing colour, wing pattern, beak or tail length) and one defining
/// call trait (pitch, syllable rate or contour); its species take distinct values of both, and keep every other family
/// trait with probability <see cref="SyntheticConfig.FamilySimilarity"/>. No two species share all attributes.
/// Names follow CUB: <c>Synth_&lt;defining visual trait&gt;_&lt;family&gt;</c>, e.g. <c>Synth_Red_crowned_Warbler</c>.
/// </summary>
public static class SyntheticClassCatalog
{
    /// <summary>The visual traits a family may be defined by, as named in <see cref="BirdAttributes.ToDictionary"/>.</summary>
    public static IReadOnlyList<string> VisualKeys { get; } = ["crown", "wing", "wingPattern", "beakLength", "tailLength"];

    /// <summary>The call traits a family may be defined by.</summary>
    public static IReadOnlyList<string> CallKeys { get; } = ["callPitch", "syllableRate", "callContour"];

    private static readonly string[] FamilyNames =
    [
        "Warbler", "Finch", "Sparrow", "Wren", "Tanager", "Vireo", "Flycatcher", "Thrush", "Oriole", "Bunting",
        "Grosbeak", "Kingbird", "Swallow", "Tern", "Gull", "Jay", "Woodpecker", "Nuthatch", "Creeper", "Kinglet",
        "Pipit", "Lark", "Shrike", "Starling", "Cuckoo", "Kingfisher", "Hummingbird", "Heron", "Sandpiper", "Plover",
        "Dove", "Owl", "Hawk", "Falcon", "Grebe", "Cormorant", "Pelican", "Albatross", "Petrel", "Puffin",
        "Auklet", "Quail", "Grouse", "Crow", "Raven", "Magpie", "Chickadee", "Titmouse", "Bluebird", "Mockingbird",
    ];

    // Only needed past 50 families (family sizes below 4 with many classes).
    private static readonly string[] Habitats = ["", "Marsh_", "Cliff_", "Forest_"];

    /// <summary>The species of a configuration, indexed by label.</summary>
    public static IReadOnlyList<SyntheticClass> Create(SyntheticConfig config)
    {
        config.Validate();
        var classes = new List<SyntheticClass>();
        var seen = new HashSet<BirdAttributes>();
        int families = (config.Classes + config.FamilySize - 1) / config.FamilySize;
        for (int family = 0; family < families; family++)
        {
            var rng = StableSeed.Random(config.Seed, "family", family);
            var body = Pick(rng, BirdColour.Plumage);
            var baseBird = new BirdAttributes(
                body, Pick(rng, Except(BirdColour.Plumage, body)), Pick(rng, Enum.GetValues<WingPattern>()),
                Pick(rng, Except(BirdColour.Plumage, body)), Pick(rng, BirdColour.Beak),
                Pick(rng, Enum.GetValues<PartLength>()), Pick(rng, Enum.GetValues<PartLength>()), Pick(rng, Enum.GetValues<BodySize>()),
                Pick(rng, Enum.GetValues<CallPitch>()), Pick(rng, Enum.GetValues<SyllableRate>()), Pick(rng, Enum.GetValues<CallContour>()),
                Pick(rng, Enum.GetValues<CallTimbre>()));
            // Rotate through the keys so every kind of fine-grained difference occurs; the offset varies with the seed.
            var visualKey = VisualKeys[(family + rng.Next(VisualKeys.Count)) % VisualKeys.Count];
            var callKey = CallKeys[(family + rng.Next(CallKeys.Count)) % CallKeys.Count];
            int species = Math.Min(config.FamilySize, config.Classes - classes.Count);
            var visualValues = Shuffled(rng, VisualDomain(visualKey, body)).Take(species).ToArray();
            var callValues = Shuffled(rng, CallDomain(callKey)).Take(species).ToArray();
            string familyName = Habitats[family / FamilyNames.Length % Habitats.Length] + FamilyNames[family % FamilyNames.Length];

            for (int s = 0; s < species; s++)
            {
                int label = classes.Count;
                BirdAttributes bird;
                int attempt = 0;
                do
                {
                    var speciesRng = StableSeed.Random(config.Seed, "species", label, attempt++);
                    var keyed = WithCall(WithVisual(baseBird, visualKey, visualValues[s]), callKey, callValues[s]);
                    bird = Vary(keyed, speciesRng, config.FamilySimilarity, visualKey, callKey);
                }
                while (!seen.Add(bird));
                var name = $"Synth_{Modifier(visualKey, visualValues[s])}_{familyName}";
                classes.Add(new SyntheticClass(label, name, family, bird, visualKey, callKey));
            }
        }
        return classes;
    }

    private static BirdAttributes Vary(BirdAttributes b, Random rng, double similarity, string visualKey, string callKey)
    {
        bool Redraw(string key) => key != visualKey && key != callKey && rng.NextDouble() >= similarity;
        // The body must differ from crown and wing, or they would vanish into it; a defining colour is never changed.
        var keyColour = visualKey switch { "crown" => b.Crown, "wing" => b.Wing, _ => null };
        var body = Redraw("body") ? Pick(rng, Except(BirdColour.Plumage, keyColour)) : b.Body;
        return b with
        {
            Body = body,
            Wing = visualKey != "wing" && (Redraw("wing") || b.Wing == body) ? Pick(rng, Except(BirdColour.Plumage, body)) : b.Wing,
            Pattern = Redraw("wingPattern") ? Pick(rng, Enum.GetValues<WingPattern>()) : b.Pattern,
            Crown = visualKey != "crown" && (Redraw("crown") || b.Crown == body) ? Pick(rng, Except(BirdColour.Plumage, body)) : b.Crown,
            BeakColour = Redraw("beakColour") ? Pick(rng, BirdColour.Beak) : b.BeakColour,
            Beak = Redraw("beakLength") ? Pick(rng, Enum.GetValues<PartLength>()) : b.Beak,
            Tail = Redraw("tailLength") ? Pick(rng, Enum.GetValues<PartLength>()) : b.Tail,
            Size = Redraw("size") ? Pick(rng, Enum.GetValues<BodySize>()) : b.Size,
            Pitch = Redraw("callPitch") ? Pick(rng, Enum.GetValues<CallPitch>()) : b.Pitch,
            Rate = Redraw("syllableRate") ? Pick(rng, Enum.GetValues<SyllableRate>()) : b.Rate,
            Contour = Redraw("callContour") ? Pick(rng, Enum.GetValues<CallContour>()) : b.Contour,
            Timbre = Redraw("callTimbre") ? Pick(rng, Enum.GetValues<CallTimbre>()) : b.Timbre,
        };
    }

    private static object[] VisualDomain(string key, BirdColour body) => key switch
    {
        "crown" or "wing" => [.. Except(BirdColour.Plumage, body)],
        "wingPattern" => [.. Enum.GetValues<WingPattern>().Cast<object>()],
        _ => [.. Enum.GetValues<PartLength>().Cast<object>()],
    };

    private static object[] CallDomain(string key) => key switch
    {
        "callPitch" => [.. Enum.GetValues<CallPitch>().Cast<object>()],
        "syllableRate" => [.. Enum.GetValues<SyllableRate>().Cast<object>()],
        _ => [.. Enum.GetValues<CallContour>().Cast<object>()],
    };

    private static BirdAttributes WithVisual(BirdAttributes b, string key, object value) => key switch
    {
        "crown" => b with { Crown = (BirdColour)value },
        "wing" => b with { Wing = (BirdColour)value },
        "wingPattern" => b with { Pattern = (WingPattern)value },
        "beakLength" => b with { Beak = (PartLength)value },
        _ => b with { Tail = (PartLength)value },
    };

    private static BirdAttributes WithCall(BirdAttributes b, string key, object value) => key switch
    {
        "callPitch" => b with { Pitch = (CallPitch)value },
        "syllableRate" => b with { Rate = (SyllableRate)value },
        _ => b with { Contour = (CallContour)value },
    };

    private static string Modifier(string key, object value) => (key, value) switch
    {
        ("crown", BirdColour c) => $"{c.Capitalised}_crowned",
        ("wing", BirdColour c) => $"{c.Capitalised}_winged",
        ("wingPattern", WingPattern p) => p switch
        {
            WingPattern.Plain => "Plain_winged",
            WingPattern.Barred => "Bar_winged",
            WingPattern.Spotted => "Spot_winged",
            _ => "Streak_winged",
        },
        ("beakLength", PartLength l) => $"{l}_billed",
        (_, PartLength l) => $"{l}_tailed",
        _ => throw new InvalidOperationException($"no name for {key} = {value}"),
    };

    private static T Pick<T>(Random rng, IReadOnlyList<T> values) => values[rng.Next(values.Count)];

    private static IReadOnlyList<BirdColour> Except(IReadOnlyList<BirdColour> colours, BirdColour? excluded) => [.. colours.Where(c => c != excluded)];

    private static IEnumerable<T> Shuffled<T>(Random rng, IReadOnlyList<T> values)
    {
        var copy = values.ToArray();
        rng.Shuffle(copy);
        return copy;
    }
}
