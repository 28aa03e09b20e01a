using FgCrossNet.Data.Audio;
using FgCrossNet.Data.Synthetic;
using SkiaSharp;

namespace FgCrossNet.Pipeline.Tests.Data.Synthetic;

public class SyntheticMediaTests
{
    private static readonly IReadOnlyList<SyntheticClass> Catalog = SyntheticClassCatalog.Create(new SyntheticConfig { Classes = 200 });

    [Fact]
    public void Descriptions_use_only_ascii_letters_digits_spaces_and_basic_punctuation()
    {
        foreach (var species in Catalog)
            foreach (var noise in new[] { 0.0, 0.5, 1.0 })
                for (int k = 0; k < 5; k++)
                {
                    var text = BirdDescriptionWriter.Describe(species, StableSeed.Random("t", species.Label, noise, k), noise);
                    Assert.NotEmpty(text);
                    foreach (var ch in text)
                        Assert.True(char.IsAsciiLetterOrDigit(ch) || ch == ' ' || BirdDescriptionWriter.Punctuation.Contains(ch), $"'{ch}' in: {text}");
                    Assert.DoesNotContain("  ", text);
                    Assert.Matches(@"^[A-Z].*[.]$", text);
                    Assert.DoesNotMatch(@"\ba [aeiou]", text);
                }
    }

    [Fact]
    public void Noise_free_descriptions_name_the_defining_traits()
    {
        foreach (var species in Catalog.Where(c => c.VisualKey == "crown").Take(10))
        {
            var text = BirdDescriptionWriter.Describe(species, new Random(1), noise: 0);
            Assert.True(species.Attributes.Crown.Words.Any(w => text.Contains($"{w} crown") || text.Contains($"{w} cap") || text.Contains($"head is {w}")), text);
        }
    }

    [Theory]
    [InlineData(CallPitch.VeryLow)]
    [InlineData(CallPitch.Medium)]
    [InlineData(CallPitch.VeryHigh)]
    public void A_synthesised_call_peaks_at_its_pitch_in_the_reference_spectrogram(CallPitch pitch)
    {
        var bird = Catalog[0].Attributes with { Pitch = pitch, Contour = CallContour.Flat, Timbre = CallTimbre.Pure };
        var samples = BirdCallSynthesizer.Synthesize(bird, new Random(2), noise: 0, sampleRate: 22050, seconds: 1.5);
        Assert.Equal(33075, samples.Length);
        Assert.InRange(samples.Max(Math.Abs), 0.4f, 0.95f);
        var db = new SpectrogramComputer().Decibels(samples);
        var loudestFrame = Enumerable.Range(0, db.GetLength(1)).MaxBy(t => Enumerable.Range(0, db.GetLength(0)).Max(k => db[k, t]));
        int peak = Enumerable.Range(0, db.GetLength(0)).MaxBy(k => db[k, loudestFrame]);
        double expected = BirdCallSynthesizer.PitchHz(pitch) * 2048 / 22050;
        Assert.InRange(peak, expected * 0.92, expected * 1.08); // per-recording and per-syllable pitch jitter
    }

    [Fact]
    public void A_noise_free_picture_shows_the_wing_colour_at_the_body_centre()
    {
        var bird = Catalog[0].Attributes with { Pattern = WingPattern.Plain };
        var scene = BirdScene.Random(new Random(3), noise: 0) with { Brightness = 1, NoiseSigma = 0 };
        using var bitmap = BirdSceneRenderer.Render(scene, bird, 128);
        var pixel = bitmap.GetPixel((int)(scene.Pose.CentreX * 128), (int)(scene.Pose.CentreY * 128));
        var wing = bird.Wing.Colour;
        Assert.True(Math.Abs(pixel.Red - wing.Red) + Math.Abs(pixel.Green - wing.Green) + Math.Abs(pixel.Blue - wing.Blue) <= 6, $"{pixel} vs wing {wing}");

        using var again = BirdSceneRenderer.Render(scene, bird, 128);
        Assert.Equal(bitmap.Pixels, again.Pixels);
    }
}
