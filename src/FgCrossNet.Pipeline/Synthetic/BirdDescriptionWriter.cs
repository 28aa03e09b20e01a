using System.Text;

namespace FgCrossNet.Synthetic;

/// <summary>
/// Writes a description of a species in one of two <see cref="DescriptionStyle"/>s, about its body, wings, crown, beak,
/// tail and call, in random order and wording (synonyms, varied templates), each trait left out now and then. Uses only
/// ASCII letters, digits, spaces and <see cref="Punctuation"/>, on one line, starting with a capital and ending with a full stop.
/// </summary>
public static class BirdDescriptionWriter
{
    /// <summary>The punctuation a description may contain.</summary>
    public const string Punctuation = ".,;:!?'-()";

    private static readonly string[] Distractors =
    [
        "It is often seen near water.", "The photo shows it perched on a thin branch.", "It feeds on seeds and small insects.",
        "Males and females look alike.", "It is common in open woodland.", "This one was seen in early spring.",
        "It tends to forage on the ground.", "It often sits still for long periods.", "Several of them were seen together.",
        "The background is a little blurry.", "It was seen at the edge of a forest.", "It nests in dense shrubs.",
        "It was photographed on a cloudy morning.", "It is shy and hard to approach.", "It hops from twig to twig.",
    ];

    /// <summary>
    /// A description of <paramref name="species"/>. <paramref name="noise"/> in [0, 1]: each trait is mentioned with
    /// probability 1 - 0.3 * noise (the two defining traits 1 - 0.15 * noise). Prose adds up to 1 + 3 * noise unrelated
    /// sentences; a caption adds one short unrelated clause with probability 0.3 * noise.
    /// </summary>
    public static string Describe(SyntheticClass species, Random rng, double noise, DescriptionStyle style)
    {
        bool Mention(string key) => rng.NextDouble() < 1 - (key == species.VisualKey || key == species.CallKey ? 0.15 : 0.3) * noise;
        return style == DescriptionStyle.Caption ? Caption(species.Attributes, rng, noise, Mention) : Prose(species.Attributes, rng, noise, Mention);
    }

    private static string Prose(BirdAttributes a, Random rng, double noise, Func<string, bool> Mention)
    {
        var sentences = new List<string>();

        if (Mention("body")) sentences.Add(BodySentence(a, rng));
        bool wingColour = Mention("wing"), wingPattern = Mention("wingPattern");
        if (wingColour || wingPattern) sentences.Add(WingSentence(a, rng, wingColour, wingPattern));
        if (Mention("crown")) sentences.Add(Choose(rng,
            $"it has {WithArticle(ColourWord(rng, a.Crown))} crown.", $"the top of its head is {ColourWord(rng, a.Crown)}.", $"{WithArticle(ColourWord(rng, a.Crown))} cap covers the top of its head.",
            $"its crown is {ColourWord(rng, a.Crown)}."));
        bool beakLength = Mention("beakLength"), beakColour = rng.NextDouble() < 0.7;
        if (beakLength || beakColour) sentences.Add(BeakSentence(a, rng, beakLength, beakColour));
        if (Mention("tailLength")) sentences.Add(Choose(rng,
            $"it has {WithArticle(Length(rng, a.Tail))} tail.", $"the tail is {Length(rng, a.Tail)}.", $"its tail looks {Length(rng, a.Tail)}."));
        bool pitch = Mention("callPitch"), rate = Mention("syllableRate"), contour = Mention("callContour");
        if (pitch || rate || contour) sentences.Add(CallSentence(a, rng, pitch, rate, contour));

        int distractors = rng.Next(0, 2 + (int)Math.Round(3 * noise));
        foreach (var d in Distractors.OrderBy(_ => rng.Next()).Take(distractors)) sentences.Add(d);
        if (sentences.Count == 0) sentences.Add(BodySentence(a, rng));

        var text = new StringBuilder();
        foreach (var s in sentences.OrderBy(_ => rng.Next()))
        {
            if (text.Length > 0) text.Append(' ');
            text.Append(Capitalised(s));
        }
        return text.ToString();
    }

    /// <summary>
    /// A caption like CUB's: "Tiny plum bird with a grey crown, streaked rosy wings and a long tail; slow mellow
    /// whistles." The traits are terse phrases in random order, so that the first hundred characters name most of them.
    /// </summary>
    private static string Caption(BirdAttributes a, Random rng, double noise, Func<string, bool> Mention)
    {
        var parts = new List<string>();
        if (Mention("crown")) parts.Add(Choose(rng, $"{WithArticle(ColourWord(rng, a.Crown))} crown", $"{WithArticle(ColourWord(rng, a.Crown))} cap"));
        bool wingColour = Mention("wing"), wingPattern = Mention("wingPattern");
        if (wingColour || wingPattern)
            parts.Add(string.Join(" ", new[] { wingPattern ? PatternAdjective(rng, a.Pattern) : null, wingColour ? ColourWord(rng, a.Wing) : null, "wings" }.OfType<string>()));
        bool beakLength = Mention("beakLength"), beakColour = rng.NextDouble() < 0.7;
        if (beakLength || beakColour)
            parts.Add(WithArticle(string.Join(" ", new[] { beakLength ? Length(rng, a.Beak) : null, beakColour ? ColourWord(rng, a.BeakColour) : null, Choose(rng, "beak", "bill") }.OfType<string>())));
        if (Mention("tailLength")) parts.Add(WithArticle($"{Length(rng, a.Tail)} tail"));

        var clauses = new List<string>();
        bool body = Mention("body");
        string subject = body ? $"{Size(rng, a.Size)} {ColourWord(rng, a.Body)} bird" : Choose(rng, "bird", "songbird");
        if (parts.Count > 0)
        {
            var ordered = parts.OrderBy(_ => rng.Next()).ToList();
            string list = ordered.Count == 1 ? ordered[0] : string.Join(", ", ordered.Take(ordered.Count - 1)) + " and " + ordered[^1];
            clauses.Add($"{subject} with {list}");
        }
        else if (body) clauses.Add(subject);

        bool pitch = Mention("callPitch"), rate = Mention("syllableRate"), contour = Mention("callContour");
        if (pitch || rate || contour)
            clauses.Add(string.Join(" ", new[]
            {
                rate ? Rate(rng, a.Rate) : null, contour ? Contour(rng, a.Contour) : null, pitch ? Pitch(rng, a.Pitch) : null,
                Choose(rng, "notes", "whistles", "calls"),
            }.OfType<string>()));
        if (clauses.Count == 0) clauses.Add($"{Size(rng, a.Size)} {ColourWord(rng, a.Body)} bird");
        if (clauses.Count == 2 && rng.Next(2) == 0) clauses.Reverse();
        if (rng.NextDouble() < 0.3 * noise) clauses.Add(Distractors[rng.Next(Distractors.Length)].TrimEnd('.').ToLowerInvariant());
        return Capitalised(string.Join("; ", clauses)) + ".";
    }

    private static string Capitalised(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private static string BodySentence(BirdAttributes a, Random rng)
    {
        var size = Size(rng, a.Size);
        return Choose(rng,
            $"this is {WithArticle(size)} bird with {WithArticle(ColourWord(rng, a.Body))} body.",
            $"this {size} bird is mostly {ColourWord(rng, a.Body)}.",
            $"the bird is {size} and its body is {ColourWord(rng, a.Body)}.",
            $"{WithArticle(size)}, {ColourWord(rng, a.Body)} bird.",
            $"its body feathers are {ColourWord(rng, a.Body)}; it is {WithArticle(size)} bird.");
    }

    private static string WingSentence(BirdAttributes a, Random rng, bool colour, bool pattern)
    {
        if (colour && pattern)
            return Choose(rng,
                $"its wings are {ColourWord(rng, a.Wing)} and {PatternAdjective(rng, a.Pattern)}.",
                $"it has {PatternAdjective(rng, a.Pattern)} {ColourWord(rng, a.Wing)} wings.",
                $"it has {ColourWord(rng, a.Wing)} wings {PatternPhrase(rng, a.Pattern)}.");
        if (colour) return Choose(rng, $"its wings are {ColourWord(rng, a.Wing)}.", $"it has {ColourWord(rng, a.Wing)} wings.");
        return Choose(rng, $"it has wings {PatternPhrase(rng, a.Pattern)}.", $"the wings are {PatternAdjective(rng, a.Pattern)}.");
    }

    private static string BeakSentence(BirdAttributes a, Random rng, bool length, bool colour)
    {
        string noun = Choose(rng, "beak", "bill");
        if (length && colour) return Choose(rng, $"it has {WithArticle(Length(rng, a.Beak))}, {ColourWord(rng, a.BeakColour)} {noun}.", $"the {noun} is {Length(rng, a.Beak)} and {ColourWord(rng, a.BeakColour)}.");
        if (length) return Choose(rng, $"it has {WithArticle(Length(rng, a.Beak))} {noun}.", $"its {noun} is {Length(rng, a.Beak)}.");
        return Choose(rng, $"it has {WithArticle(ColourWord(rng, a.BeakColour))} {noun}.", $"the {noun} is {ColourWord(rng, a.BeakColour)}.");
    }

    private static string CallSentence(BirdAttributes a, Random rng, bool pitch, bool rate, bool contour)
    {
        string notes = string.Join(" ", new[]
        {
            contour ? Contour(rng, a.Contour) : null,
            pitch ? Pitch(rng, a.Pitch) : null,
            Timbre(rng, a.Timbre),
            Choose(rng, "notes", "whistles", "syllables"),
        }.OfType<string>());
        if (rate)
            return Choose(rng,
                $"its song is {WithArticle(Rate(rng, a.Rate))} series of {notes}.",
                $"the call is made of {notes}, repeated {RateAdverb(rng, a.Rate)}.",
                $"you can recognise it by its {notes}, given {RateAdverb(rng, a.Rate)}.");
        return Choose(rng, $"its song is made of {notes}.", $"the call consists of {notes}.");
    }

    /// <summary>The word with its indefinite article: "a green", "an emerald".</summary>
    private static string WithArticle(string words) => ("aeiou".Contains(words[0]) ? "an " : "a ") + words;

    private static string ColourWord(Random rng, BirdColour colour) => Choose(rng, [.. colour.Words]);

    private static string Size(Random rng, BodySize size) => size switch
    {
        BodySize.Small => Choose(rng, "small", "tiny", "little"),
        BodySize.Medium => Choose(rng, "medium sized", "mid sized", "moderately sized"),
        _ => Choose(rng, "large", "big", "fairly large"),
    };

    private static string Length(Random rng, PartLength length) => length switch
    {
        PartLength.Stubby => Choose(rng, "stubby", "very short"),
        PartLength.Short => Choose(rng, "short", "rather short"),
        PartLength.Medium => Choose(rng, "medium length", "average length"),
        _ => Choose(rng, "long", "very long"),
    };

    private static string PatternPhrase(Random rng, WingPattern pattern) => pattern switch
    {
        WingPattern.Plain => Choose(rng, "without markings", "with no markings", "that are plain"),
        WingPattern.Barred => Choose(rng, "with dark bars", "crossed by bold bars", "with dark bands across them"),
        WingPattern.Spotted => Choose(rng, "with pale spots", "dotted with small spots", "with light spots"),
        _ => Choose(rng, "with thin streaks", "marked with fine streaks", "with dark streaks along them"),
    };

    private static string PatternAdjective(Random rng, WingPattern pattern) => pattern switch
    {
        WingPattern.Plain => Choose(rng, "plain", "unmarked"),
        WingPattern.Barred => Choose(rng, "barred", "banded"),
        WingPattern.Spotted => Choose(rng, "spotted", "speckled"),
        _ => Choose(rng, "streaked", "finely streaked"),
    };

    private static string Pitch(Random rng, CallPitch pitch) => pitch switch
    {
        CallPitch.VeryLow => Choose(rng, "very low", "deep"),
        CallPitch.Low => Choose(rng, "low", "low pitched"),
        CallPitch.Medium => Choose(rng, "mid pitched", "medium pitched"),
        CallPitch.High => Choose(rng, "high", "high pitched"),
        _ => Choose(rng, "very high", "thin, very high"),
    };

    private static string Rate(Random rng, SyllableRate rate) => rate switch
    {
        SyllableRate.Slow => Choose(rng, "slow", "leisurely", "unhurried"),
        SyllableRate.Moderate => Choose(rng, "moderate", "measured", "regular"),
        SyllableRate.Fast => Choose(rng, "rapid", "quick", "fast"),
        _ => Choose(rng, "trilled", "very rapid", "rattling"),
    };

    private static string RateAdverb(Random rng, SyllableRate rate) => rate switch
    {
        SyllableRate.Slow => Choose(rng, "slowly", "at a leisurely pace"),
        SyllableRate.Moderate => Choose(rng, "at a moderate pace", "at a steady pace"),
        SyllableRate.Fast => Choose(rng, "quickly", "in quick succession"),
        _ => Choose(rng, "in a fast trill", "so fast they blur into a trill"),
    };

    private static string Contour(Random rng, CallContour contour) => contour switch
    {
        CallContour.Flat => Choose(rng, "steady", "even", "flat"),
        CallContour.Rising => Choose(rng, "rising", "upslurred"),
        CallContour.Falling => Choose(rng, "falling", "downslurred"),
        _ => Choose(rng, "rising and falling", "arched"),
    };

    private static string Timbre(Random rng, CallTimbre timbre) => timbre switch
    {
        CallTimbre.Pure => Choose(rng, "clear", "pure", "sweet"),
        CallTimbre.Rich => Choose(rng, "rich", "full", "mellow"),
        _ => Choose(rng, "buzzy", "harsh", "raspy"),
    };

    private static string Choose(Random rng, params string[] options) => options[rng.Next(options.Length)];
}
