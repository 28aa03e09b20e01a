using SkiaSharp;

namespace FgCrossNet.Synthetic;

/// <summary>A named plumage or beak colour with the words a description may use for it.</summary>
/// <param name="Name">Lower-case name, also used (capitalised) in class names, e.g. <c>red</c>.</param>
/// <param name="Colour">sRGB colour.</param>
/// <param name="Words">Synonyms for descriptions; the first is <see cref="Name"/>.</param>
public sealed record BirdColour(string Name, SKColor Colour, IReadOnlyList<string> Words)
{
    /// <summary>Plumage colours (body, wing, crown).</summary>
    public static IReadOnlyList<BirdColour> Plumage { get; } =
    [
        new("red", new SKColor(200, 40, 40), ["red", "scarlet", "crimson"]),
        new("orange", new SKColor(235, 130, 30), ["orange", "tangerine", "bright orange"]),
        new("yellow", new SKColor(235, 210, 50), ["yellow", "golden", "lemon yellow"]),
        new("olive", new SKColor(120, 130, 50), ["olive", "olive green", "drab green"]),
        new("green", new SKColor(50, 150, 70), ["green", "emerald", "leaf green"]),
        new("teal", new SKColor(30, 140, 140), ["teal", "blue green", "turquoise"]),
        new("blue", new SKColor(50, 90, 200), ["blue", "azure", "cobalt blue"]),
        new("purple", new SKColor(120, 60, 150), ["purple", "violet", "plum"]),
        new("pink", new SKColor(230, 130, 170), ["pink", "rose", "rosy"]),
        new("brown", new SKColor(120, 80, 40), ["brown", "chocolate", "earthy brown"]),
        new("buff", new SKColor(220, 190, 140), ["buff", "tan", "sandy"]),
        new("grey", new SKColor(130, 130, 135), ["grey", "gray", "ashy grey"]),
        new("black", new SKColor(30, 30, 30), ["black", "jet black", "sooty"]),
        new("white", new SKColor(240, 240, 235), ["white", "snowy", "pure white"]),
    ];

    /// <summary>Beak colours.</summary>
    public static IReadOnlyList<BirdColour> Beak { get; } =
    [
        new("black", new SKColor(25, 25, 25), ["black", "dark"]),
        new("grey", new SKColor(110, 110, 115), ["grey", "gray", "horn coloured"]),
        new("yellow", new SKColor(240, 200, 40), ["yellow", "yellowish"]),
        new("orange", new SKColor(240, 120, 20), ["orange", "bright orange"]),
        new("pink", new SKColor(225, 150, 150), ["pink", "pale pink"]),
    ];

    /// <summary>The name with a capital first letter, for class names: <c>Red</c>.</summary>
    public string Capitalised => char.ToUpperInvariant(Name[0]) + Name[1..];

    public override string ToString() => Name;
}
